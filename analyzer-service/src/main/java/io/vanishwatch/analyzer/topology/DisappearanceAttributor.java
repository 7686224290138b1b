package io.vanishwatch.analyzer.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.jboss.logging.Logger;

import io.vanishwatch.analyzer.rules.Attribution;
import io.vanishwatch.analyzer.rules.AttributionSettings;
import io.vanishwatch.analyzer.rules.CatchUp;
import io.vanishwatch.analyzer.rules.DeviceActivity;
import io.vanishwatch.analyzer.rules.ServerLogHeard;
import io.vanishwatch.analyzer.rules.PendingAttribution;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.ServerLogEvent;
import io.vanishwatch.events.Topics;

/**
 * Names the device behind each {@link Disappearance} from the mail server's own records before it goes on to the
 * disappearances topic and the pattern recogniser. The server's removal records are kept per account for the
 * attribution window (event time), so a record that came before the removal is found at once. A record may also come
 * after: a disappearance of an account whose server log was heard from within {@code activeFor} waits for the
 * record of its expunge, at most {@code wait} — on stream time, and on the wall clock once the task has caught up —
 * and the account's disappearances go on in removal order. An account with no server log never waits.
 *
 * <p>It also remembers each account's client names and addresses, and hands the pattern recogniser the failed logins
 * and the records of a client name or address new on the account.
 */
final class DisappearanceAttributor implements Processor<String, Object, Object, Object> {

    private static final Logger LOG = Logger.getLogger(DisappearanceAttributor.class);
    private static final char SEP = '\u0000';

    private final AttributionSettings settings;
    private final Duration punctuateInterval;
    private final Duration caughtUpWithin;
    private ProcessorContext<Object, Object> context;
    private WindowStore<String, ServerLogEvent> removals;
    private KeyValueStore<String, ServerLogHeard> logHeard;
    private KeyValueStore<String, Long> knownDevices;
    private long lastPrunedMs = Long.MIN_VALUE;
    private KeyValueStore<String, PendingAttribution> pending;
    private CatchUp catchUp;

    DisappearanceAttributor(AttributionSettings settings, Duration punctuateInterval, Duration caughtUpWithin) {
        this.settings = settings;
        this.punctuateInterval = punctuateInterval;
        this.caughtUpWithin = caughtUpWithin;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.removals = context.getStateStore(AnalyzerTopology.SERVER_LOG_REMOVALS);
        this.logHeard = context.getStateStore(AnalyzerTopology.SERVER_LOG_HEARD);
        this.pending = context.getStateStore(AnalyzerTopology.PENDING_ATTRIBUTIONS);
        this.knownDevices = context.getStateStore(AnalyzerTopology.KNOWN_DEVICES);
        context.schedule(punctuateInterval, PunctuationType.STREAM_TIME, streamTime -> {
            releaseAll(false, 0);
            forgetOldDevices(streamTime);
        });
        context.schedule(punctuateInterval, PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
    }

    @Override
    public void process(Record<String, Object> record) {
        try {
            if (record.value() instanceof Disappearance d) {
                onDisappearance(d);
            } else if (record.value() instanceof ServerLogEvent event) {
                onServerLog(event);
            } else {
                throw new IllegalArgumentException("neither a disappearance nor a server-log record: " + record.value());
            }
        } catch (RuntimeException e) {
            park(record, e);
        }
    }

    private void onDisappearance(Disappearance d) {
        Optional<Attribution.Found> found = Attribution.attribute(d, recordsAbout(d), settings.window());
        boolean othersWaiting = StoreScans.first(pending, StoreKeys.account(d.account()), any -> true).isPresent();
        boolean expunged = found.map(Attribution.Found::expunged).orElse(false);
        if (!othersWaiting && (expunged || !logHeardRecently(d))) {
            emit(Attribution.attributed(d, found));
            return;
        }
        pending.put(pendingKey(d), new PendingAttribution(d, d.removedAt().plus(settings.maxWait()),
                context.currentSystemTimeMs()));
        release(d.account(), false, 0);
    }

    private void onServerLog(ServerLogEvent event) {
        ServerLogHeard before = logHeard.get(event.account());
        ServerLogHeard after = ServerLogHeard.after(before, event.at());
        if (!after.equals(before)) {
            logHeard.put(event.account(), after);
        }
        boolean newDevice = event.action() != ServerLogEvent.Action.LOGIN_FAILED && learn(event, after);
        if (newDevice || event.action() == ServerLogEvent.Action.LOGIN_FAILED) {
            context.forward(new Record<Object, Object>(event.account(), new DeviceActivity(event, newDevice),
                    event.at().toEpochMilli()), AnalyzerTopology.PATTERN_RECOGNISER);
        }
        if (Attribution.isRemoval(event)) {
            long at = event.at().toEpochMilli();
            if (event.messageId() != null) {
                removals.put(byMessageId(event.account(), event.messageId()), event, at);
            }
            if (event.uid() != null) {
                removals.put(byUid(event.account(), event.folder(), event.uid()), event, at);
            }
        }
        release(event.account(), false, 0);
    }

    /** Whether the account's server log was heard from within {@code activeFor} of the removal. */
    private boolean logHeardRecently(Disappearance d) {
        ServerLogHeard heard = logHeard.get(d.account());
        return heard != null && !heard.last().plus(settings.activeFor()).isBefore(d.removedAt());
    }

    /**
     * Remembers the record's client name and address on the account; whether either is new there, once the account's
     * learning period (from when its server log was first heard) is over.
     */
    private boolean learn(ServerLogEvent event, ServerLogHeard heard) {
        boolean isNew = false;
        if (event.clientIp() != null && !event.clientIp().isBlank()) {
            isNew |= remember(event.account() + SEP + "ip" + SEP + event.clientIp(), event.at());
        }
        if (event.clientName() != null && !event.clientName().isBlank()) {
            isNew |= remember(event.account() + SEP + "name" + SEP + event.clientName(), event.at());
        }
        return isNew && !event.at().isBefore(heard.first().plus(settings.learningPeriod()));
    }

    /** Whether the key was unknown; its last-seen time is written at most hourly, not on every record. */
    private boolean remember(String key, Instant at) {
        Long lastSeen = knownDevices.get(key);
        if (lastSeen == null || lastSeen < at.toEpochMilli() - Duration.ofHours(1).toMillis()) {
            knownDevices.put(key, Math.max(at.toEpochMilli(), lastSeen == null ? 0 : lastSeen));
        }
        return lastSeen == null;
    }

    /** At most once an hour of stream time: devices not seen for {@code forgetDevicesAfter} are forgotten. */
    private void forgetOldDevices(long streamTimeMs) {
        if (lastPrunedMs != Long.MIN_VALUE && streamTimeMs - lastPrunedMs < Duration.ofHours(1).toMillis()) {
            return;
        }
        lastPrunedMs = streamTimeMs;
        long oldest = streamTimeMs - settings.forgetDevicesAfter().toMillis();
        StoreScans.all(knownDevices, lastSeen -> lastSeen < oldest).forEach(entry -> knownDevices.delete(entry.key));
    }

    private void onWallClock(long wallMs) {
        long streamTime = context.currentStreamTimeMs();
        catchUp = catchUp == null ? CatchUp.firstTick(streamTime, wallMs) : catchUp.tick(streamTime, wallMs);
        boolean caughtUp = catchUp.caughtUp(wallMs, caughtUpWithin);
        releaseAll(caughtUp, wallMs);
    }

    private void releaseAll(boolean wallClock, long wallMs) {
        Set<String> accounts = new HashSet<>();
        StoreScans.all(pending, any -> true).forEach(entry -> accounts.add(entry.value.disappearance().account()));
        accounts.forEach(account -> release(account, wallClock, wallMs));
    }

    /**
     * Lets the account's waiting disappearances go on, oldest removal first, as long as each has found its expunge
     * or waited long enough; the first still waiting holds back those after it.
     */
    private void release(String account, boolean wallClock, long wallMs) {
        Instant streamTime = Instant.ofEpochMilli(context.currentStreamTimeMs());
        for (KeyValue<String, PendingAttribution> entry : StoreScans.scan(pending, StoreKeys.account(account), any -> true)) {
            PendingAttribution waiting = entry.value;
            Disappearance d = waiting.disappearance();
            Optional<Attribution.Found> found = Attribution.attribute(d, recordsAbout(d), settings.window());
            boolean expunged = found.map(Attribution.Found::expunged).orElse(false);
            boolean due = !streamTime.isBefore(waiting.dueAt())
                    || (wallClock && wallMs - waiting.waitingSinceWallMs() >= settings.maxWait().toMillis());
            if (!expunged && !due) {
                return;
            }
            pending.delete(entry.key);
            emit(Attribution.attributed(d, found));
        }
    }

    /** The kept server records that may be about the disappearance's message: by its Message-ID and by its UID. */
    private List<ServerLogEvent> recordsAbout(Disappearance d) {
        long from = Attribution.searchFrom(d, settings.window()).toEpochMilli();
        long to = Attribution.searchTo(d, settings.window()).toEpochMilli();
        List<ServerLogEvent> records = new ArrayList<>();
        if (d.messageId() != null) {
            fetch(byMessageId(d.account(), d.messageId()), from, to, records);
        }
        fetch(byUid(d.account(), d.folder(), d.uid()), from, to, records);
        return records;
    }

    private void fetch(String key, long from, long to, List<ServerLogEvent> into) {
        try (WindowStoreIterator<ServerLogEvent> it = removals.fetch(key, from, to)) {
            it.forEachRemaining(entry -> into.add(entry.value));
        }
    }

    private void emit(Disappearance d) {
        if (d.removedBy() != null) {
            LOG.infof("Removed by %s (%s): %s %s uid %d", d.removedBy(), d.removedByDevice().action(), d.account(),
                    d.folder(), d.uid());
        }
        Record<Object, Object> out = new Record<>(d.account(), d, d.removedAt().toEpochMilli());
        context.forward(out, AnalyzerTopology.DISAPPEARANCES_SINK);
        context.forward(out, AnalyzerTopology.PATTERN_RECOGNISER);
    }

    private static String byMessageId(String account, String messageId) {
        return account + SEP + "msgid" + SEP + messageId;
    }

    private static String byUid(String account, String folder, long uid) {
        return account + SEP + "uid" + SEP + folder + SEP + uid;
    }

    /** In removal order within the account. */
    private static String pendingKey(Disappearance d) {
        return StoreKeys.account(d.account()) + String.format("%020d", d.removedAt().toEpochMilli()) + SEP + d.folder()
                + SEP + d.uidValidity() + SEP + d.uid();
    }

    private void park(Record<String, Object> record, RuntimeException e) {
        if (record.value() instanceof ServerLogEvent event) {
            byte[] value = Topics.SERVER_LOG.valueSerde().serializer().serialize(Topics.SERVER_LOG.name(), event);
            DeadLetters.park(context, AnalyzerTopology.ATTRIBUTOR, AnalyzerTopology.SERVER_LOG_DEAD_LETTERS,
                    DeadLetters.bytes(record.key()), value, record.headers(), record.timestamp(), e);
        } else {
            byte[] value = Topics.DISAPPEARANCES.valueSerde().serializer()
                    .serialize(Topics.DISAPPEARANCES.name(), (Disappearance) record.value());
            DeadLetters.park(context, AnalyzerTopology.ATTRIBUTOR, AnalyzerTopology.DISAPPEARANCES_DEAD_LETTERS,
                    DeadLetters.bytes(record.key()), value, record.headers(), record.timestamp(), e);
        }
    }
}
