package io.vanishwatch.collector.watch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vanishwatch.collector.assign.AccountAssignment;
import io.vanishwatch.collector.assign.AccountPartitions;
import io.vanishwatch.collector.checkpoint.CheckpointStore;
import io.vanishwatch.collector.checkpoint.CollectorTopics;
import io.vanishwatch.collector.config.AccountSettings;
import io.vanishwatch.collector.config.CollectorConfig;
import io.vanishwatch.collector.config.CollectorSettings;
import io.vanishwatch.collector.config.ConfigFiles;
import io.vanishwatch.collector.config.GroupSettings;
import io.vanishwatch.collector.imap.AngusImapConnector;
import io.vanishwatch.collector.publish.KafkaEventPublisher;
import io.vanishwatch.collector.publish.PublishException;
import io.vanishwatch.collector.sync.DescriptionStore;
import io.vanishwatch.collector.sync.FolderState;
import io.vanishwatch.events.Verdict;

/**
 * Keeps one watch running per account this collector is to watch: every configured account ({@code assignment=all}),
 * or those of the partitions its collectors' group gives it ({@code assignment=group}). The configured accounts may
 * change while it runs (see {@link AccountsReload}), and so may its share: each change is reconciled — watches of
 * accounts no longer wanted (or changed) stop and what they published is committed, new ones restore their
 * checkpoints and start. Until the collector can publish and has its first share, the accounts are STARTING, and
 * readiness says what it is waiting for.
 */
@ApplicationScoped
public class Watches {

    private static final Logger LOG = Logger.getLogger(Watches.class);
    private static final Duration RESTORE_PATIENCE = Duration.ofMinutes(4);

    @Inject
    CollectorConfig config;

    @Inject
    KafkaEventPublisher publisher;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrapServers;

    /** A running watch, the digest of the configuration it runs with, and its meters (removed when it stops). */
    private record Running(AccountWatcher watcher, Thread thread, String digest, List<Meter> meters) {
    }

    // guarded by this
    private final Map<String, Running> running = new TreeMap<>();
    private Map<String, AccountSettings> configured = Map.of();
    private Map<String, String> digests = Map.of();
    /** The partitions this collector holds in its group; null when it watches every configured account. */
    private volatile Set<Integer> owned;
    private int partitions;
    private CheckpointStore checkpoints;
    private AngusImapConnector connector;
    private WatchSettings timing;
    private LoginPacer pacer;
    private final Set<String> pacedServers = new TreeSet<>();

    /** What readiness and the meters read without waiting for a reconcile in progress. */
    private volatile List<AccountWatcher> watching = List.of();
    private volatile Map<String, AccountSettings> configuredView = Map.of();
    private volatile boolean shareKnown;
    private volatile String starting = "starting";
    private volatile boolean stopped;
    private volatile CollectorSettings settings;
    private Thread starter;
    private ScheduledExecutorService timer;
    private volatile AccountAssignment assignment;
    private volatile boolean started;

    void start(@Observes StartupEvent startup) {
        CollectorSettings checked = CollectorSettings.from(config, System::getenv);
        settings = checked;
        List<AccountSettings> accounts = checked.accounts();
        if (accounts.isEmpty() && checked.serverLog().isEmpty()) {
            LOG.warnf("no accounts configured (%s.accounts.<id>.*): nothing is watched", CollectorConfig.PREFIX);
        } else if (accounts.isEmpty()) {
            LOG.infof("no IMAP account to watch: only shipping the server log");
        }
        synchronized (this) {
            configured = byId(accounts);
            configuredView = configured;
            digests = ConfigFiles.accountDigests(ConfigProvider.getConfig(), configured.keySet());
        }
        DescriptionStore.useDirectory(checked.descriptionStoreDirectory().orElse(null));
        registerDescriptionStore(); // makes the store now: where it is (or a tmpfs warning) is in the start's log
        Gauge.builder("vanishwatch.collector.accounts.configured", this, w -> w.configuredCount())
                .description("accounts in the configuration").register(registry);
        Gauge.builder("vanishwatch.collector.accounts.watched", this, w -> w.runningCount())
                .description("accounts this collector watches now (its share, with assignment=group)")
                .register(registry);
        starter = new Thread(() -> startWatches(checked), "collector-start");
        starter.setDaemon(true);
        starter.start();
    }

    /**
     * The off-heap store of the known messages' descriptions (see {@link DescriptionStore}): what it holds, what it
     * has free to take again, and how far it has grown.
     */
    private void registerDescriptionStore() {
        DescriptionStore store = DescriptionStore.shared();
        Map<String, ToDoubleFunction<DescriptionStore>> bytes = Map.of("live", DescriptionStore::liveBytes,
                "free", DescriptionStore::freeBytes, "grown", DescriptionStore::grownBytes);
        bytes.forEach((state, measure) -> Gauge.builder("vanishwatch.collector.descriptions.bytes", store, measure)
                .description("bytes of the description store's memory-mapped files: live (held by folder states),"
                        + " free (released, taken again first), grown (the files' size)")
                .tag("state", state).baseUnit("bytes").register(registry));
        Gauge.builder("vanishwatch.collector.descriptions", store, DescriptionStore::liveEntries)
                .description("descriptions of known messages held off the heap").register(registry);
    }

    /** Waits for the broker (creating the topics, registering the transactional id), then watches its share. */
    private void startWatches(CollectorSettings checked) {
        CheckpointStore store = new CheckpointStore(bootstrapServers, checked.checkpointTopic());
        Backoff backoff = new Backoff(checked.initialBackoff(), checked.maxBackoff());
        while (true) {
            try {
                starting = "waiting for Kafka at " + bootstrapServers;
                store.ensureTopic();
                if (checked.group().isPresent()) {
                    GroupSettings group = checked.group().get();
                    CollectorTopics.ensureCompacted(bootstrapServers, group.accountsTopic(), "accounts topic", null);
                    assignment = new AccountAssignment(bootstrapServers, group, new Shares());
                    publisher.start(group.instanceId(), group.sessionTimeout(), assignment::position);
                } else {
                    publisher.start();
                }
                break;
            } catch (RuntimeException e) {
                if (stopped) {
                    return;
                }
                Duration wait = backoff.next();
                starting = "cannot start yet (" + e.getMessage() + "); retrying in " + Durations.human(wait);
                LOG.warnf("collector: %s", starting);
                try {
                    Pause.REAL.pause(wait);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "imap-idle-timer");
            t.setDaemon(true);
            return t;
        });
        synchronized (this) {
            if (stopped) {
                return;
            }
            checkpoints = store;
            timing = WatchSettings.of(checked);
            connector = new AngusImapConnector(timing.longestIdle(), timer);
            pacer = new LoginPacer(checked.maxConcurrentLoginsPerServer(), checked.loginJitter(),
                    () -> ThreadLocalRandom.current().nextLong());
            LOG.infof("at most %d logins at a time per server; first logins spread over %s; at most %d folders read"
                    + " whole (first syncs, or over %d new messages) at a time", checked.maxConcurrentLoginsPerServer(),
                    Durations.human(checked.loginJitter()), pacer.maxConcurrentBulkReads(), LoginPacer.BULK_READ);
            Gauge.builder("vanishwatch.collector.bulk.reads.in.progress", pacer, LoginPacer::bulkReadsInProgress)
                    .description("first syncs after a (re)connect and syncs describing more than "
                            + LoginPacer.BULK_READ + " messages, in progress; at most " + pacer.maxConcurrentBulkReads())
                    .register(registry);
            if (assignment == null) {
                reconcile();
                started = true;
            } else {
                partitions = assignment.partitions();
                owned = Set.of();
                starting = "waiting for this collector's share of the accounts from the group "
                        + checked.group().get().id();
                Gauge.builder("vanishwatch.collector.group.partitions", this, w -> w.ownedCount())
                        .description("partitions of the accounts topic this collector holds in its group")
                        .register(registry);
                assignment.start();
            }
        }
        AccountsReload.forRunningService(this, checked.configReloadInterval(), timer);
    }

    /** The configuration changed: the accounts it now has, with the digests of how each is configured. */
    synchronized void configure(List<AccountSettings> accounts, Map<String, String> accountDigests) {
        Map<String, AccountSettings> next = byId(accounts);
        Set<String> added = new TreeSet<>(next.keySet());
        added.removeAll(configured.keySet());
        Set<String> removed = new TreeSet<>(configured.keySet());
        removed.removeAll(next.keySet());
        Set<String> changed = new TreeSet<>();
        for (String id : next.keySet()) {
            if (configured.containsKey(id) && !accountDigests.get(id).equals(digests.get(id))) {
                changed.add(id);
            }
        }
        if (added.isEmpty() && removed.isEmpty() && changed.isEmpty()) {
            return;
        }
        LOG.infof("the configuration changed: accounts added %s, removed %s, changed %s", added, removed, changed);
        configured = next;
        configuredView = next;
        digests = Map.copyOf(accountDigests);
        if (checkpoints != null) {
            reconcile();
        }
    }

    /** Stops the watches no longer wanted (or configured differently), then starts the wanted ones not running. */
    private synchronized void reconcile() {
        Map<String, AccountSettings> wanted = new LinkedHashMap<>();
        configured.forEach((id, account) -> {
            if (owned == null || owned.contains(AccountPartitions.of(id, partitions))) {
                wanted.put(id, account);
            }
        });
        List<String> stopping = new ArrayList<>();
        running.forEach((id, watch) -> {
            if (!wanted.containsKey(id) || !watch.digest().equals(digests.get(id))) {
                stopping.add(id);
            }
        });
        stopAndCommit(stopping);
        List<AccountSettings> toStart = wanted.values().stream().filter(a -> !running.containsKey(a.id())).toList();
        if (!toStart.isEmpty() && !stopped) {
            startAll(toStart);
        }
        watching = running.values().stream().map(Running::watcher).toList();
    }

    /** Starts what should run and does not (its checkpoints could not be read before, say). */
    synchronized void catchUp() {
        if (checkpoints != null && !stopped && (owned == null || shareKnown)) {
            reconcile();
        }
    }

    private void stopAndCommit(List<String> accounts) {
        if (accounts.isEmpty()) {
            return;
        }
        List<Running> stopping = accounts.stream().map(running::remove).toList();
        stopping.forEach(watch -> watch.watcher().stop());
        stopping.forEach(watch -> watch.thread().interrupt());
        for (Running watch : stopping) {
            try {
                watch.thread().join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            watch.meters().forEach(registry::remove);
            if (watch.thread().isAlive()) {
                LOG.warnf("account %s: its watch did not stop within 10 s; its folder states stay in memory",
                        watch.watcher().account().id());
            } else {
                watch.watcher().releaseStates();
            }
        }
        try {
            publisher.flush();
        } catch (PublishException e) {
            LOG.warnf("stopping the watches of %s: %s", accounts, e.getMessage());
        }
        LOG.infof("stopped watching %s", accounts);
    }

    private void startAll(List<AccountSettings> accounts) {
        Map<String, Map<String, FolderState>> restored = restore(accounts.stream().map(AccountSettings::id).toList());
        if (restored == null) {
            return;
        }
        registerLogins(accounts);
        for (AccountSettings account : accounts) {
            LOG.infof("account %s: will watch every folder%s over %s%s, at most %d IMAP connection%s",
                    account.describe(), account.exclude().isEmpty() ? "" : " but " + account.exclude(),
                    account.security(), account.verifyCertificates() ? "" : " WITHOUT certificate checks",
                    account.maxConnections(), account.maxConnections() == 1 ? "" : "s");
            AccountWatcher watcher = new AccountWatcher(account, restored.getOrDefault(account.id(), Map.of()),
                    connector, publisher, timing, Clock.systemUTC(), Pause.REAL, pacer);
            Thread thread = new Thread(watcher, "watch-" + account.id());
            thread.setDaemon(true);
            running.put(account.id(), new Running(watcher, thread, digests.get(account.id()), register(watcher)));
            thread.start();
        }
    }

    /** The accounts' checkpoints; while Kafka cannot give them, retried with backoff; null when given up. */
    private Map<String, Map<String, FolderState>> restore(List<String> accounts) {
        CollectorSettings checked = settings;
        Backoff backoff = new Backoff(checked.initialBackoff(), checked.maxBackoff());
        Instant giveUp = Instant.now().plus(RESTORE_PATIENCE);
        while (!stopped) {
            try {
                starting = "reading the checkpoints from " + checked.checkpointTopic();
                return checkpoints.restore(accounts);
            } catch (RuntimeException e) {
                if (Instant.now().isAfter(giveUp)) {
                    starting = "cannot read the checkpoints from " + checked.checkpointTopic() + ": " + e.getMessage();
                    LOG.errorf("accounts %s are not watched: %s", accounts, starting);
                    return null;
                }
                Duration wait = backoff.next();
                LOG.warnf("reading the checkpoints of %s: %s; retrying in %s", accounts, e.getMessage(),
                        Durations.human(wait));
                try {
                    Pause.REAL.pause(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
        return null;
    }

    private void registerLogins(List<AccountSettings> accounts) {
        for (AccountSettings account : accounts) {
            String server = LoginPacer.serverOf(account.host(), account.port());
            if (!pacedServers.add(server)) {
                continue;
            }
            Gauge.builder("vanishwatch.collector.logins.in.progress", pacer, p -> p.inProgress(server))
                    .description("IMAP connection set-ups (connect, TLS, login) in progress against the server")
                    .tags("server", server).register(registry);
            Gauge.builder("vanishwatch.collector.logins.in.progress.max", pacer, p -> p.maxInProgress(server))
                    .description("the most IMAP connection set-ups that were in progress against the server at once")
                    .tags("server", server).register(registry);
        }
    }

    private List<Meter> register(AccountWatcher watcher) {
        String account = watcher.account().id();
        List<Meter> meters = new ArrayList<>();
        meters.add(FunctionCounter.builder("vanishwatch.collector.reconnects", watcher, AccountWatcher::reconnects)
                .description("reconnect attempts after a failed or lost IMAP connection")
                .tags("account", account).register(registry));
        meters.add(Gauge.builder("vanishwatch.collector.connections", watcher, AccountWatcher::connections)
                .description("IMAP connections the account's watch holds").tags("account", account)
                .register(registry));
        meters.add(Gauge.builder("vanishwatch.collector.folders", watcher, AccountWatcher::foldersWatched)
                .description("folders the account's watch follows").tags("account", account).register(registry));
        meters.add(Gauge.builder("vanishwatch.collector.round.age.seconds", watcher,
                        AccountWatcher::secondsSinceLastRound)
                .description("seconds since the watch last synchronised and published what it found (its checkpoint"
                        + " is that recent); -1 before its first round").tags("account", account).register(registry));
        meters.add(Gauge.builder("vanishwatch.collector.idle.age.seconds", watcher, AccountWatcher::secondsInIdle)
                .description("seconds the account's live connection has been waiting in IDLE; 0 while not waiting")
                .tags("account", account).register(registry));
        for (Verdict.Location location : Verdict.Location.values()) {
            meters.add(FunctionCounter.builder("vanishwatch.collector.verdicts", watcher, w -> w.verdicts(location))
                    .description("removed messages looked for in the other folders, by where they were found")
                    .tags("account", account, "location", location.name()).register(registry));
        }
        return meters;
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
        if (starter != null) {
            starter.interrupt();
        }
        if (assignment != null) {
            assignment.close();
        }
        int stopping;
        synchronized (this) {
            stopping = running.size();
            stopAndCommit(List.copyOf(running.keySet()));
        }
        if (timer != null) {
            timer.shutdownNow();
        }
        LOG.infof("stopped %d watches", stopping);
    }

    /**
     * Every account's watch on this collector with its current status, keyed by account id; before the watches start
     * (or, in a group, before this collector knows its share), every configured account as STARTING with the reason.
     */
    public Map<String, WatchStatus> statuses() {
        Map<String, WatchStatus> statuses = new TreeMap<>();
        List<AccountWatcher> current = watching;
        current.forEach(watcher -> statuses.put(watcher.account().id(), watcher.status()));
        boolean waiting = assignment == null ? current.isEmpty() && !started : !shareKnown;
        if (waiting) {
            for (AccountSettings account : configuredView.values()) {
                statuses.put(account.id(), new WatchStatus(WatchStatus.State.STARTING, account.inboxFolder(),
                        starting, Instant.now()));
            }
        }
        return statuses;
    }

    public List<AccountWatcher> watchers() {
        return watching;
    }

    /** Whether this collector shares the accounts with others ({@code assignment=group}). */
    public boolean inGroup() {
        return assignment != null;
    }

    private int configuredCount() {
        return configuredView.size();
    }

    private int runningCount() {
        return watching.size();
    }

    private int ownedCount() {
        Set<Integer> current = owned;
        return current == null ? 0 : current.size();
    }

    private static Map<String, AccountSettings> byId(List<AccountSettings> accounts) {
        Map<String, AccountSettings> byId = new TreeMap<>();
        accounts.forEach(account -> byId.put(account.id(), account));
        return byId;
    }

    /** The group's decisions about this collector's share, applied to the watches. */
    private final class Shares implements AccountAssignment.Shares {

        @Override
        public void taken(Set<Integer> taken) {
            synchronized (Watches.this) {
                Set<Integer> next = new TreeSet<>(owned);
                next.addAll(taken);
                owned = Set.copyOf(next);
                shareKnown = true;
                reconcile();
            }
        }

        @Override
        public void released(Set<Integer> released) {
            synchronized (Watches.this) {
                Set<Integer> next = new TreeSet<>(owned);
                next.removeAll(released);
                owned = Set.copyOf(next);
                reconcile();
            }
        }

        @Override
        public void lost(Set<Integer> lost) {
            released(lost);
        }
    }
}
