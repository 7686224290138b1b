package io.vanishwatch.collector.watch;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.vanishwatch.collector.imap.MailboxConnection;
import io.vanishwatch.collector.imap.MailboxConnector;
import io.vanishwatch.collector.imap.MailboxException;
import io.vanishwatch.collector.imap.MailboxException.Failure;
import io.vanishwatch.collector.imap.WatchTarget;
import io.vanishwatch.collector.publish.EventPublisher;
import io.vanishwatch.collector.publish.PublishException;
import io.vanishwatch.collector.sync.FolderSnapshot;
import io.vanishwatch.collector.sync.FolderState;
import io.vanishwatch.collector.sync.FolderSync;
import io.vanishwatch.collector.sync.SyncContext;
import io.vanishwatch.collector.sync.SyncResult;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.MailboxEvent.DetectedBy;
import io.vanishwatch.events.MailboxEvent.WatchState;
import io.vanishwatch.events.MessageSummary;

/**
 * Follows one folder for as long as the collector runs: connects, synchronises by UID, waits with IDLE, synchronises
 * again on every wake-up and on a timer, and after any failure reconnects with backoff and catches up with the same
 * synchronisation. Its folder state is only replaced once the events that led to it are published.
 */
public final class FolderWatcher implements Runnable {

    private static final Logger LOG = Logger.getLogger(FolderWatcher.class);

    private final WatchTarget configured;
    private final MailboxConnector connector;
    private final EventPublisher publisher;
    private final WatchSettings settings;
    private final Clock clock;
    private final Pause pause;
    private final Backoff backoff;
    private final AtomicLong reconnects = new AtomicLong();

    private volatile boolean running = true;
    private volatile MailboxConnection connection;
    private volatile WatchStatus status;
    private WatchTarget target;
    private FolderState known;
    /** The failure last logged at WARN, so that a retry in the same state logs nothing new. */
    private String lastLogged;
    /** The watch state last published, so that each state change is published once. */
    private WatchState publishedState;

    public FolderWatcher(WatchTarget target, MailboxConnector connector, EventPublisher publisher,
                         WatchSettings settings, Clock clock, Pause pause) {
        this.configured = target;
        this.target = target;
        this.connector = connector;
        this.publisher = publisher;
        this.settings = settings;
        this.clock = clock;
        this.pause = pause;
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
        this.status = new WatchStatus(WatchStatus.State.STARTING, target.folderName(), "starting", clock.instant());
    }

    @Override
    public void run() {
        while (running) {
            Failure failure;
            String reason;
            try {
                watch();
                break;
            } catch (MailboxException e) {
                if (e.failure() == Failure.NO_SUCH_FOLDER && configured.folder().isEmpty() && running) {
                    LOG.infof("account %s: %s; %s folder not watched", configured.account().describe(),
                            e.getMessage(), configured.commonName());
                    status(WatchStatus.State.NOT_WATCHED, e.getMessage());
                    return;
                }
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
                    LOG.errorf(e, "account %s: unexpected error", target.describe());
                }
                failure = Failure.CONNECTION_LOST;
                reason = "unexpected error: " + e;
            }
            if (!running) {
                break;
            }
            Duration wait = backoff.next();
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

    /** One connection: returns when stopped, throws when it breaks. */
    private void watch() throws MailboxException, PublishException, InterruptedException {
        MailboxConnection c = connector.open(target);
        connection = c;
        try {
            if (!running) {
                return;
            }
            target = target.withFolder(c.folderName());
            boolean reconnected = known != null;
            publisher.publish(List.of(stateEvent(WatchState.CONNECTED, reconnected ? "reconnected" : "connected")));
            publishedState = WatchState.CONNECTED;
            int messages = synchronise(c, DetectedBy.RESYNC);
            backoff.reset();
            LOG.infof("account %s: %s, watching %d messages", target.describe(),
                    lastLogged == null ? "connected" : "connected again", messages);
            lastLogged = null;
            status(WatchStatus.State.CONNECTED, "watching");
            while (running) {
                MailboxConnection.Wake wake = c.awaitChange(settings.longestIdle());
                if (!running) {
                    return;
                }
                synchronise(c, wake == MailboxConnection.Wake.CHANGED ? DetectedBy.IDLE : DetectedBy.RESYNC);
            }
        } finally {
            connection = null;
            c.close();
        }
    }

    /** Fetches the UID list, describes new UIDs, publishes the difference, and only then keeps the new state. */
    private int synchronise(MailboxConnection c, DetectedBy detectedBy) throws MailboxException, PublishException {
        SyncContext context = new SyncContext(target.account().id(), target.folderName(), target.role(),
                clock.instant(), detectedBy);
        FolderSnapshot snapshot = c.snapshot();
        SortedSet<Long> unknown = FolderSync.uidsToDescribe(known, snapshot);
        Map<Long, MessageSummary> described = unknown.isEmpty() ? Map.of() : c.describe(unknown);
        SyncResult result = FolderSync.synchronise(known, snapshot, described, context);
        publisher.publish(result.events());
        known = result.state();
        return known.messages().size();
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
            LOG.warnf("account %s: %s; retrying in %s", target.describe(), reason, human(wait));
            lastLogged = logged;
        } else {
            LOG.debugf("account %s: %s; retrying in %s", target.describe(), reason, human(wait));
        }
        status(state == null ? WatchStatus.State.DISCONNECTED : WatchStatus.State.valueOf(state.name()), reason);
        if (state != null && state != publishedState) {
            try {
                publisher.publish(List.of(stateEvent(state, reason)));
                publishedState = state;
            } catch (PublishException e) {
                LOG.warnf("account %s: cannot publish watch state %s (%s); will try again", target.describe(),
                        state, e.getMessage());
            }
        }
    }

    private MailboxEvent stateEvent(WatchState state, String reason) {
        return MailboxEvent.watchState(target.account().id(), target.folderName(), target.role(), state, reason,
                clock.instant());
    }

    private void status(WatchStatus.State state, String reason) {
        WatchStatus current = status;
        if (current.state() != state || !current.reason().equals(reason)) {
            status = new WatchStatus(state, target.folderName(), reason,
                    current.state() == state ? current.since() : clock.instant());
        }
    }

    /** Stops the watch from another thread: ends the current wait and closes the connection. */
    public void stop() {
        running = false;
        MailboxConnection c = connection;
        if (c != null) {
            c.close();
        }
    }

    public WatchTarget target() {
        return target;
    }

    public WatchStatus status() {
        return status;
    }

    /** How many times this watch has reconnected after a failure. */
    public long reconnects() {
        return reconnects.get();
    }

    static String human(Duration d) {
        if (d.toMillis() < 1000) {
            return d.toMillis() + "ms";
        }
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds / 60 + "m" + seconds % 60 + "s";
    }
}
