package io.vanishwatch.collector.watch;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vanishwatch.collector.checkpoint.CheckpointStore;
import io.vanishwatch.collector.config.AccountSettings;
import io.vanishwatch.collector.config.CollectorConfig;
import io.vanishwatch.collector.config.CollectorSettings;
import io.vanishwatch.collector.imap.AngusImapConnector;
import io.vanishwatch.collector.publish.KafkaEventPublisher;
import io.vanishwatch.collector.sync.FolderState;
import io.vanishwatch.events.Verdict;

/**
 * Starts one watch per configured account once the collector can publish and has read its checkpoints, and stops
 * them all cleanly. Until then the watches are STARTING, and readiness says what it is waiting for.
 */
@ApplicationScoped
public class Watches {

    private static final Logger LOG = Logger.getLogger(Watches.class);

    @Inject
    CollectorConfig config;

    @Inject
    KafkaEventPublisher publisher;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrapServers;

    private final List<AccountWatcher> watchers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile List<AccountSettings> accounts = List.of();
    private volatile String starting = "starting";
    private volatile boolean stopped;
    private Thread starter;
    private ScheduledExecutorService timer;

    void start(@Observes StartupEvent startup) {
        CollectorSettings settings = CollectorSettings.from(config, System::getenv);
        accounts = settings.accounts();
        if (accounts.isEmpty() && settings.serverLog().isEmpty()) {
            LOG.warnf("no accounts configured (%s.accounts.<id>.*): nothing is watched", CollectorConfig.PREFIX);
        } else if (accounts.isEmpty()) {
            LOG.infof("no IMAP account to watch: only shipping the server log");
        }
        for (AccountSettings account : accounts) {
            LOG.infof("account %s: will watch every folder%s over %s%s, at most %d IMAP connection%s",
                    account.describe(), account.exclude().isEmpty() ? "" : " but " + account.exclude(),
                    account.security(), account.verifyCertificates() ? "" : " WITHOUT certificate checks",
                    account.maxConnections(), account.maxConnections() == 1 ? "" : "s");
        }
        starter = new Thread(() -> startWatches(settings), "collector-start");
        starter.setDaemon(true);
        starter.start();
    }

    /** Waits for the broker (creating the checkpoint topic, registering the transactional id), restores, then watches. */
    private void startWatches(CollectorSettings settings) {
        CheckpointStore checkpoints = new CheckpointStore(bootstrapServers, settings.checkpointTopic());
        Backoff backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
        Map<String, Map<String, FolderState>> restored;
        while (true) {
            try {
                starting = "waiting for Kafka at " + bootstrapServers;
                checkpoints.ensureTopic();
                publisher.start();
                starting = "reading the checkpoints from " + settings.checkpointTopic();
                restored = checkpoints.restore(accounts.stream().map(AccountSettings::id).toList());
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
        WatchSettings timing = WatchSettings.of(settings);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "imap-idle-timer");
            t.setDaemon(true);
            return t;
        });
        AngusImapConnector connector = new AngusImapConnector(timing.longestIdle(), timer);
        LoginPacer pacer = new LoginPacer(settings.maxConcurrentLoginsPerServer(), settings.loginJitter(),
                () -> ThreadLocalRandom.current().nextLong());
        registerLogins(pacer);
        LOG.infof("at most %d logins at a time per server; first logins spread over %s",
                settings.maxConcurrentLoginsPerServer(), Durations.human(settings.loginJitter()));
        synchronized (this) {
            if (stopped) {
                return;
            }
            for (AccountSettings account : accounts) {
                AccountWatcher watcher = new AccountWatcher(account, restored.getOrDefault(account.id(), Map.of()),
                        connector, publisher, timing, Clock.systemUTC(), Pause.REAL, pacer);
                register(watcher);
                Thread thread = new Thread(watcher, "watch-" + account.id());
                thread.setDaemon(true);
                watchers.add(watcher);
                threads.add(thread);
            }
            threads.forEach(Thread::start);
        }
    }

    private void registerLogins(LoginPacer pacer) {
        Set<String> servers = new TreeSet<>();
        accounts.forEach(a -> servers.add(LoginPacer.serverOf(a.host(), a.port())));
        for (String server : servers) {
            Gauge.builder("vanishwatch.collector.logins.in.progress", pacer, p -> p.inProgress(server))
                    .description("IMAP connection set-ups (connect, TLS, login) in progress against the server")
                    .tags("server", server).register(registry);
            Gauge.builder("vanishwatch.collector.logins.in.progress.max", pacer, p -> p.maxInProgress(server))
                    .description("the most IMAP connection set-ups that were in progress against the server at once")
                    .tags("server", server).register(registry);
        }
    }

    private void register(AccountWatcher watcher) {
        String account = watcher.account().id();
        FunctionCounter.builder("vanishwatch.collector.reconnects", watcher, AccountWatcher::reconnects)
                .description("reconnect attempts after a failed or lost IMAP connection")
                .tags("account", account).register(registry);
        Gauge.builder("vanishwatch.collector.connections", watcher, AccountWatcher::connections)
                .description("IMAP connections the account's watch holds").tags("account", account).register(registry);
        Gauge.builder("vanishwatch.collector.folders", watcher, AccountWatcher::foldersWatched)
                .description("folders the account's watch follows").tags("account", account).register(registry);
        for (Verdict.Location location : Verdict.Location.values()) {
            FunctionCounter.builder("vanishwatch.collector.verdicts", watcher, w -> w.verdicts(location))
                    .description("removed messages looked for in the other folders, by where they were found")
                    .tags("account", account, "location", location.name()).register(registry);
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        List<Thread> running;
        synchronized (this) {
            stopped = true;
            running = List.copyOf(threads);
        }
        if (starter != null) {
            starter.interrupt();
        }
        watchers.forEach(AccountWatcher::stop);
        running.forEach(Thread::interrupt);
        for (Thread thread : running) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (timer != null) {
            timer.shutdownNow();
        }
        LOG.infof("stopped %d watches", running.size());
    }

    /** Every account's watch with its current status, keyed by account id. */
    public Map<String, WatchStatus> statuses() {
        Map<String, WatchStatus> statuses = new TreeMap<>();
        synchronized (this) {
            for (AccountWatcher watcher : watchers) {
                statuses.put(watcher.account().id(), watcher.status());
            }
        }
        if (statuses.isEmpty()) {
            for (AccountSettings account : accounts) {
                statuses.put(account.id(), new WatchStatus(WatchStatus.State.STARTING, account.inboxFolder(), starting,
                        java.time.Instant.now()));
            }
        }
        return statuses;
    }

    public synchronized List<AccountWatcher> watchers() {
        return List.copyOf(watchers);
    }
}
