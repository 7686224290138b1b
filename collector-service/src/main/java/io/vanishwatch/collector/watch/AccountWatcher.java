package io.vanishwatch.collector.watch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.vanishwatch.collector.checkpoint.CheckpointChanges;
import io.vanishwatch.collector.config.AccountSettings;
import io.vanishwatch.collector.imap.Changes;
import io.vanishwatch.collector.imap.ImapConnector;
import io.vanishwatch.collector.imap.ImapSession;
import io.vanishwatch.collector.imap.MailboxException;
import io.vanishwatch.collector.imap.MailboxException.Failure;
import io.vanishwatch.collector.publish.EventPublisher;
import io.vanishwatch.collector.publish.Publication;
import io.vanishwatch.collector.publish.PublishException;
import io.vanishwatch.collector.sync.FolderState;
import io.vanishwatch.collector.sync.FolderStatus;
import io.vanishwatch.collector.sync.KnownMessages;
import io.vanishwatch.collector.sync.Whereabouts;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.MailboxEvent.DetectedBy;
import io.vanishwatch.events.MailboxEvent.WatchState;
import io.vanishwatch.events.Verdict;

/**
 * Follows every folder of one account for as long as the collector runs, within its connection budget: the live
 * connection keeps INBOX selected and waits with IDLE (told about the other folders by NOTIFY where the server
 * offers it); the scout connection (the same one when the budget is 1) reads the other folders when they change,
 * polls their status where there is no NOTIFY, and looks for removed messages. After any failure it reconnects with
 * backoff and catches up against the last published state, which after a start is the checkpoint. Its state is
 * only replaced once the events and checkpoints that led to it are published.
 */
public final class AccountWatcher implements Runnable {

    private static final Logger LOG = Logger.getLogger(AccountWatcher.class);
    /** How long an arrival counts as the destination of a move whose expunge comes in a later round. */
    static final Duration RECENT = Duration.ofSeconds(30);

    private final AccountSettings account;
    private final ImapConnector connector;
    private final EventPublisher publisher;
    private final WatchSettings settings;
    private final Clock clock;
    private final Pause pause;
    private final Backoff backoff;
    private final LoginPacer pacer;
    private final String server;
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong verdictsInFolder = new AtomicLong();
    private final AtomicLong verdictsInNoFolder = new AtomicLong();
    private final List<ImapSession> sessions = new CopyOnWriteArrayList<>();

    private volatile boolean running = true;
    private volatile WatchStatus status;
    private volatile int foldersWatched;
    /** When the watch last finished a round and published what it found (its checkpoint is that recent). */
    private volatile Instant lastRound;
    /** Since when the live connection waits in IDLE; null while it does not. */
    private volatile Instant idleSince;
    private Map<String, FolderState> states;
    /** The round being read and not committed yet; only the watch's own thread touches it. */
    private SyncRound openRound;
    /** Copies that arrived lately: the destination of a move whose expunge is seen in a later round. */
    private final Map<Whereabouts.Copy, Instant> recentArrivals = new HashMap<>();
    private boolean connectedBefore;
    /** The failure last logged at WARN, so that a retry in the same state logs nothing new. */
    private String lastLogged;
    /** The watch state last published, so that each state change is published once. */
    private WatchState publishedState;

    /** A watch whose logins are not paced: it logs in at once and waits the backoff exactly (tests of one watch). */
    public AccountWatcher(AccountSettings account, Map<String, FolderState> restored, ImapConnector connector,
                          EventPublisher publisher, WatchSettings settings, Clock clock, Pause pause) {
        this(account, restored, connector, publisher, settings, clock, pause, LoginPacer.UNPACED);
    }

    /**
     * @param restored the account's folder states from the checkpoints (empty for an account never watched)
     * @param pacer    spreads the first login, limits concurrent logins per server and jitters the backoff; shared
     *                 by every watch of the collector
     */
    public AccountWatcher(AccountSettings account, Map<String, FolderState> restored, ImapConnector connector,
                          EventPublisher publisher, WatchSettings settings, Clock clock, Pause pause,
                          LoginPacer pacer) {
        this.pacer = pacer;
        this.server = LoginPacer.serverOf(account.host(), account.port());
        this.account = account;
        this.states = Map.copyOf(restored);
        this.connector = connector;
        this.publisher = publisher;
        this.settings = settings;
        this.clock = clock;
        this.pause = pause;
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
        this.status = new WatchStatus(WatchStatus.State.STARTING, account.inboxFolder(), "starting", clock.instant());
    }

    @Override
    public void run() {
        try {
            Duration spread = pacer.firstLoginDelay();
            if (!spread.isZero()) {
                status(WatchStatus.State.STARTING, "first login in " + Durations.human(spread) + " (login-jitter)");
                pause.pause(spread);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
        while (running) {
            Failure failure;
            String reason;
            try {
                watch();
                break;
            } catch (MailboxException e) {
                failure = e.failure();
                reason = e.getMessage();
            } catch (PublishException e) {
                failure = Failure.CONNECTION_LOST;
                reason = e.getMessage() + "; will resync";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.errorf(e, "account %s: unexpected error", account.describe());
                }
                failure = Failure.CONNECTION_LOST;
                reason = "unexpected error: " + e;
            } finally {
                closeSessions();
                abandonOpenRound();
            }
            if (!running) {
                break;
            }
            Duration wait = pacer.jittered(backoff.next());
            report(failure, reason, wait);
            reconnects.incrementAndGet();
            try {
                pause.pause(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        status(WatchStatus.State.STOPPED, "stopped");
    }

    /** One connection (or two): returns when stopped, throws when it breaks. */
    private void watch() throws MailboxException, PublishException, InterruptedException {
        ImapSession live = open();
        ImapSession scout = account.maxConnections() >= 2 ? open() : live;
        if (!running) {
            return;
        }
        publishState(WatchState.CONNECTED, connectedBefore ? "reconnected" : "connected");
        WatchedFolders folders = WatchedFolders.of(scout.list(), account);
        String inbox = folders.inbox();
        if (inbox == null) {
            throw new MailboxException(Failure.NO_SUCH_FOLDER, "the server lists no folder " + account.inboxFolder());
        }
        live.examine(inbox);
        boolean notifying = live.notifyAllFolders();

        // the first round reads every folder whole and publishes their checkpoints: a bulk read, few at a time
        try (LoginPacer.Permit permit = pacer.bulkRead()) {
            SyncRound first = round(folders, DetectedBy.RESYNC, true);
            first.sync(live, inbox, DetectedBy.RESYNC, true);
            for (String folder : folders.watched()) {
                if (!first.synced(folder)) {
                    first.sync(scout, folder, DetectedBy.RESYNC, true);
                }
            }
            first.verify(live, scout);
            commit(first);
        }
        backoff.reset();
        foldersWatched = folders.watched().size();
        LOG.infof("account %s: %s, watching %d folders (%d messages) over %d connection%s; other folders %s",
                account.describe(), connectedBefore ? "connected again" : "connected", folders.watched().size(),
                messages(), sessions.size(), sessions.size() == 1 ? "" : "s",
                notifying ? "followed with NOTIFY" : "polled every " + Durations.human(settings.folderPollInterval()));
        connectedBefore = true;
        lastLogged = null;
        status(WatchStatus.State.CONNECTED, "watching " + folders.watched().size() + " folders");

        Instant nextResync = clock.instant().plus(settings.resyncInterval());
        Instant nextPoll = clock.instant().plus(settings.folderPollInterval());
        while (running) {
            boolean inboxDeselected = !inbox.equals(live.selected());
            if (inboxDeselected) {
                live.examine(inbox);
            }
            Instant now = clock.instant();
            Duration wait = Durations.shortest(settings.longestIdle(), Duration.between(now, nextResync),
                    notifying ? null : Duration.between(now, nextPoll));
            Changes changes;
            if (inboxDeselected || wait.isZero()) {
                changes = Changes.NONE;
            } else {
                idleSince = clock.instant();
                try {
                    changes = live.await(wait);
                } finally {
                    idleSince = null;
                }
            }
            if (!running) {
                return;
            }
            now = clock.instant();
            boolean resyncDue = !now.isBefore(nextResync);
            boolean pollDue = !notifying && !now.isBefore(nextPoll);
            DetectedBy others = resyncDue ? DetectedBy.RESYNC : DetectedBy.SCOUT;

            if (changes.folderList() || resyncDue) {
                folders = WatchedFolders.of(scout.list(), account);
                foldersWatched = folders.watched().size();
            }
            SyncRound round = round(folders, others);
            if (changes.selected() || resyncDue || inboxDeselected) {
                round.sync(live, inbox, resyncDue ? DetectedBy.RESYNC : DetectedBy.IDLE, false);
            }
            for (String folder : folders.watched()) {
                if (!states.containsKey(folder) && !round.synced(folder)) {
                    round.sync(scout, folder, DetectedBy.SCOUT, false); // created while watching
                }
            }
            for (String folder : changes.folders()) {
                if (folders.watches(folder) && !round.synced(folder)) {
                    round.sync(scout, folder, DetectedBy.SCOUT, false);
                }
            }
            if (resyncDue || pollDue) {
                syncChanged(round, folders, scout, others);
                nextPoll = now.plus(settings.folderPollInterval());
            }
            if (resyncDue) {
                nextResync = now.plus(settings.resyncInterval());
            }
            round.verify(live, scout);
            commit(round);
        }
    }

    /** A round over the current state: folders gone from the list are removed, new ones read from scratch. */
    private SyncRound round(WatchedFolders folders, DetectedBy detectedBy) {
        return round(folders, detectedBy, false);
    }

    /** @param underBulkRead the round runs under a bulk read this watch holds (see {@link LoginPacer#bulkRead}) */
    private SyncRound round(WatchedFolders folders, DetectedBy detectedBy, boolean underBulkRead) {
        Instant now = clock.instant();
        recentArrivals.values().removeIf(at -> at.isBefore(now.minus(RECENT)));
        SyncRound round = new SyncRound(account.id(), folders, states, recentArrivals.keySet(), clock, pacer,
                underBulkRead);
        openRound = round;
        for (String folder : states.keySet()) {
            if (folders.excluded().contains(folder)) {
                round.forget(folder);
            } else if (!folders.watches(folder)) {
                round.folderGone(folder, detectedBy);
            }
        }
        return round;
    }

    /** Reads the folders whose status changed since they were last read (and those never read). */
    private void syncChanged(SyncRound round, WatchedFolders folders, ImapSession scout, DetectedBy detectedBy)
            throws MailboxException, InterruptedException {
        List<String> unread = folders.watched().stream().filter(f -> !round.synced(f)).toList();
        if (unread.isEmpty()) {
            return;
        }
        Map<String, FolderStatus> statuses = scout.status(unread);
        for (String folder : unread) {
            FolderState known = round.state(folder);
            FolderStatus now = statuses.get(folder);
            if (now == null) {
                round.folderGone(folder, detectedBy);
            } else if (known == null || known.status().changedIn(now)) {
                round.sync(scout, folder, detectedBy, false);
            }
        }
    }

    /** Publishes what the round found with the checkpoint changes it implies; only then keeps the new state. */
    private void commit(SyncRound round) throws PublishException {
        Map<String, FolderState> next = round.states();
        publisher.publish(new Publication(account.id(), round.events(),
                CheckpointChanges.between(account.id(), states, next)));
        states = next;
        openRound = null;
        round.committed();
        Instant now = clock.instant();
        lastRound = now;
        round.arrivals().forEach(copy -> recentArrivals.put(copy, now));
        Map<Verdict.Location, Long> verdicts = round.verdicts();
        verdictsInFolder.addAndGet(verdicts.getOrDefault(Verdict.Location.IN_FOLDER, 0L));
        verdictsInNoFolder.addAndGet(verdicts.getOrDefault(Verdict.Location.IN_NO_FOLDER, 0L));
    }

    /** Connects and logs in when the server has a free login slot (see {@link LoginPacer}). */
    private ImapSession open() throws MailboxException, InterruptedException {
        ImapSession session;
        try (LoginPacer.Permit permit = pacer.enter(server)) {
            session = connector.open(account);
        }
        sessions.add(session);
        if (!running) {
            session.close();
        }
        return session;
    }

    /** A round cut short (the connection broke, or publishing failed): its new states will never be committed. */
    private void abandonOpenRound() {
        if (openRound != null) {
            openRound.abandoned();
            openRound = null;
        }
    }

    private void closeSessions() {
        for (ImapSession session : sessions) {
            session.close();
        }
        sessions.clear();
    }

    private long messages() {
        return states.values().stream().mapToLong(s -> s.messages().size()).sum();
    }

    /** Logs a failure once per change of state, publishes the watch state once per change, and sets the status. */
    private void report(Failure failure, String reason, Duration wait) {
        WatchState state = switch (failure) {
            case AUTH_FAILED -> WatchState.AUTH_FAILED;
            case TLS_FAILED -> WatchState.TLS_FAILED;
            case UNREACHABLE, NO_SUCH_FOLDER -> WatchState.UNREACHABLE;
            case CONNECTION_LOST -> null;
        };
        String logged = failure + ": " + (failure == Failure.CONNECTION_LOST ? "" : reason);
        if (!logged.equals(lastLogged)) {
            LOG.warnf("account %s: %s; retrying in %s", account.describe(), reason, Durations.human(wait));
            lastLogged = logged;
        } else {
            LOG.debugf("account %s: %s; retrying in %s", account.describe(), reason, Durations.human(wait));
        }
        status(state == null ? WatchStatus.State.DISCONNECTED : WatchStatus.State.valueOf(state.name()), reason);
        if (state != null && state != publishedState) {
            try {
                publishState(state, reason);
            } catch (PublishException e) {
                LOG.warnf("account %s: cannot publish watch state %s (%s); will try again", account.describe(),
                        state, e.getMessage());
            }
        }
    }

    private void publishState(WatchState state, String reason) throws PublishException {
        publisher.publish(Publication.events(account.id(), List.of(MailboxEvent.watchState(account.id(),
                account.inboxFolder(), FolderRole.INBOX, state, reason, clock.instant()))));
        publishedState = state;
    }

    private void status(WatchStatus.State state, String reason) {
        WatchStatus current = status;
        if (current.state() != state || !current.reason().equals(reason)) {
            status = new WatchStatus(state, account.inboxFolder(), reason,
                    current.state() == state ? current.since() : clock.instant());
        }
    }

    /** Stops the watch from another thread: ends the current wait and closes the connections. */
    public void stop() {
        running = false;
        for (ImapSession session : sessions) {
            session.close();
        }
    }

    public AccountSettings account() {
        return account;
    }

    public WatchStatus status() {
        return status;
    }

    /** How many times this watch has reconnected after a failure. */
    public long reconnects() {
        return reconnects.get();
    }

    /** IMAP connections open right now. */
    public int connections() {
        return sessions.size();
    }

    public int foldersWatched() {
        return foldersWatched;
    }

    /**
     * Seconds since the watch last finished a round and published what it found — how old its checkpoint may be;
     * growing while it is disconnected or stuck. Negative before its first round.
     */
    public double secondsSinceLastRound() {
        Instant last = lastRound;
        return last == null ? -1 : Duration.between(last, clock.instant()).toMillis() / 1000.0;
    }

    /** Seconds the live connection has been waiting in IDLE, 0 while it is not waiting. */
    public double secondsInIdle() {
        Instant since = idleSince;
        return since == null ? 0 : Duration.between(since, clock.instant()).toMillis() / 1000.0;
    }

    public long verdicts(Verdict.Location location) {
        return location == Verdict.Location.IN_FOLDER ? verdictsInFolder.get() : verdictsInNoFolder.get();
    }

    /** The folder states as last published, by folder name. */
    public Map<String, FolderState> states() {
        return new TreeMap<>(states);
    }

    /**
     * Gives the descriptions of every known message back to the description store, once the watch has stopped for
     * good ({@link #run} returned): its states are not read after this. A later watch of the account reads them
     * again from the checkpoints.
     */
    public void releaseStates() {
        Map<String, FolderState> held = states;
        states = Map.of();
        held.values().forEach(state -> KnownMessages.releaseDropped(state.messages(), KnownMessages.NONE));
    }
}
