package io.vanishwatch.analyzer.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

import io.vanishwatch.analyzer.rules.AlertWording;
import io.vanishwatch.analyzer.rules.AnalyzerSettings;
import io.vanishwatch.analyzer.rules.BatchTracker;
import io.vanishwatch.analyzer.rules.BlindTracker;
import io.vanishwatch.analyzer.rules.CatchUp;
import io.vanishwatch.analyzer.rules.DeviceActivity;
import io.vanishwatch.analyzer.rules.Episode;
import io.vanishwatch.analyzer.rules.EpisodeLife;
import io.vanishwatch.analyzer.rules.EpisodeTracker;
import io.vanishwatch.analyzer.rules.LoginFailureTracker;
import io.vanishwatch.analyzer.rules.NewDeviceTracker;
import io.vanishwatch.analyzer.rules.PatternRule;
import io.vanishwatch.analyzer.rules.PatternTracker;
import io.vanishwatch.analyzer.rules.Precedence;
import io.vanishwatch.analyzer.rules.ResetTracker;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.Topics;

/**
 * Follows each account through every pattern and emits the alerts the moment a threshold is crossed. Its input is
 * the account's disappearances, and the mailbox events that are about the watch rather than one message (INBOX
 * arrivals, resets, watch states). Patterns are followed dominants first ({@link Precedence}): when a dominant starts
 * firing, the alerts it explains end saying so, and while it fires the patterns it dominates are held back and named
 * in its alerts.
 *
 * <p>Time: an episode ends when its latest match is a quiet period old in event time, checked at each record of the
 * account and on stream time, and on the wall clock only once the task has caught up (its newest event is within
 * {@code caughtUpWithin} of the wall clock, or its stream time has not moved for that long), taking the wall clock
 * less that margin as the event time — so a backlog being caught up never resolves an episode early, and a blind
 * watch, which sends nothing, is still said.
 */
final class PatternRecogniser implements Processor<String, Object, Object, Object> {

    private static final Logger LOG = Logger.getLogger(PatternRecogniser.class);
    /**
     * How often, in stream time, every account's episodes are looked at. Each account's own records tick it at once,
     * and what a tick emits is stamped with when it fell due, not when it was noticed; so this only bounds how late a
     * quiet account's alert is emitted while a backlog is read, and keeps a backlog from reading every episode at
     * nearly every record (half the analyzer's time at 1 s, see docs/benchmarks.md).
     */
    static final Duration STREAM_TICK = Duration.ofSeconds(10);

    private final AnalyzerSettings settings;
    private final Map<PatternRule, PatternTracker> trackers = new HashMap<>();
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, Episode> episodes;
    private CatchUp catchUp;

    PatternRecogniser(AnalyzerSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.episodes = context.getStateStore(AnalyzerTopology.PATTERN_EPISODES);
        Duration streamTick = settings.punctuateInterval().compareTo(STREAM_TICK) > 0 ? settings.punctuateInterval() : STREAM_TICK;
        context.schedule(streamTick, PunctuationType.STREAM_TIME, streamTime -> tickAll(Instant.ofEpochMilli(streamTime)));
        context.schedule(settings.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
    }

    @Override
    public void process(Record<String, Object> record) {
        try {
            if (record.value() instanceof Disappearance d) {
                follow(d.account(), (tracker, episode, held) -> tracker.onDisappearance(episode, d, held));
            } else if (record.value() instanceof MailboxEvent event) {
                follow(event.account(), (tracker, episode, held) -> tracker.onEvent(episode, event, held));
            } else if (record.value() instanceof DeviceActivity activity) {
                follow(activity.record().account(),
                        (tracker, episode, held) -> tracker.onDeviceActivity(episode, activity, held));
            } else {
                throw new IllegalArgumentException("not a disappearance, mailbox event or device activity: "
                        + record.value());
            }
        } catch (RuntimeException e) {
            park(record, e);
        }
    }

    /** One record's step of one pattern. */
    @FunctionalInterface
    private interface Input {
        EpisodeLife.Step step(PatternTracker tracker, Episode current, boolean held);
    }

    /** What a record does: first what a tick at its stream time would have done, then the record, pattern by pattern. */
    private void follow(String account, Input input) {
        Map<Alert.Pattern, Episode> current = load(account);
        tick(account, current, Instant.ofEpochMilli(context.currentStreamTimeMs()));
        for (Alert.Pattern pattern : Precedence.ORDER) {
            EpisodeLife.Step step = input.step(tracker(account, pattern), current.get(pattern), held(pattern, current));
            apply(account, pattern, current, step);
        }
    }

    private void onWallClock(long wallMs) {
        long streamTime = context.currentStreamTimeMs();
        catchUp = catchUp == null ? CatchUp.firstTick(streamTime, wallMs) : catchUp.tick(streamTime, wallMs);
        OptionalLong eventTime = catchUp.eventTimeMs(wallMs, settings.caughtUpWithin());
        if (eventTime.isPresent()) {
            tickAll(Instant.ofEpochMilli(eventTime.getAsLong()));
        } else {
            LOG.debugf("Catching up (stream time %d, wall clock %d): quiet episodes wait", streamTime, wallMs);
        }
    }

    private void tickAll(Instant now) {
        Map<String, Map<Alert.Pattern, Episode>> byAccount = new LinkedHashMap<>();
        for (KeyValue<String, Episode> entry : StoreScans.all(episodes, any -> true)) {
            byAccount.computeIfAbsent(entry.value.account(), a -> new EnumMap<>(Alert.Pattern.class))
                    .put(entry.value.pattern(), entry.value);
        }
        byAccount.forEach((account, current) -> tick(account, current, now));
    }

    /** Event time moved on to {@code now} for one account: quiet episodes end, updates and grace periods fall due. */
    private void tick(String account, Map<Alert.Pattern, Episode> current, Instant now) {
        for (Alert.Pattern pattern : Precedence.ORDER) {
            Episode episode = current.get(pattern);
            if (episode != null) {
                apply(account, pattern, current, tracker(account, pattern).onTick(episode, now, held(pattern, current)));
            }
        }
    }

    /** Stores the step's episode, emits its alerts, and when a dominant has just started firing ends what it explains. */
    private void apply(String account, Alert.Pattern pattern, Map<Alert.Pattern, Episode> current, EpisodeLife.Step step) {
        Episode before = current.get(pattern);
        Episode after = step.episode();
        save(account, pattern, before, after);
        if (after == null) {
            current.remove(pattern);
        } else {
            current.put(pattern, after);
        }
        for (EpisodeLife.Emitted emitted : step.emitted()) {
            emit(AlertWording.holdingBack(emitted.alert(), heldBack(pattern, current)), emitted.at());
        }
        boolean startedFiring = after != null && after.firing() && (before == null || !before.firing());
        if (startedFiring) {
            Instant at = step.emitted().isEmpty() ? after.lastSeen() : step.emitted().get(0).at();
            for (Episode explained : List.copyOf(current.values())) {
                if (Precedence.explains(pattern, explained.pattern()) && explained.firing()) {
                    save(account, explained.pattern(), explained, null);
                    current.remove(explained.pattern());
                    if (explained.announced()) {
                        emit(AlertWording.covered(settings.rule(account, explained.pattern()), explained, pattern), at);
                    }
                }
            }
        }
    }

    /** Whether a pattern that dominates {@code pattern} is firing on the account. */
    private static boolean held(Alert.Pattern pattern, Map<Alert.Pattern, Episode> current) {
        return current.values().stream().anyMatch(e -> e.firing() && Precedence.dominates(e.pattern(), pattern));
    }

    /** The dominated episodes {@code pattern} holds back on the account, with their counts. */
    private static Map<Alert.Pattern, Integer> heldBack(Alert.Pattern pattern, Map<Alert.Pattern, Episode> current) {
        Map<Alert.Pattern, Integer> held = new EnumMap<>(Alert.Pattern.class);
        current.values().stream().filter(e -> e.held() && Precedence.dominates(pattern, e.pattern()))
                .forEach(e -> held.put(e.pattern(), e.count()));
        return held;
    }

    private Map<Alert.Pattern, Episode> load(String account) {
        Map<Alert.Pattern, Episode> current = new EnumMap<>(Alert.Pattern.class);
        StoreScans.scan(episodes, StoreKeys.account(account), any -> true)
                .forEach(entry -> current.put(entry.value.pattern(), entry.value));
        return current;
    }

    private void save(String account, Alert.Pattern pattern, Episode before, Episode after) {
        String key = StoreKeys.episode(account, pattern);
        if (after == null) {
            if (before != null) {
                episodes.delete(key);
            }
        } else if (!after.equals(before)) {
            episodes.put(key, after);
        }
    }

    private PatternTracker tracker(String account, Alert.Pattern pattern) {
        PatternRule rule = settings.rule(account, pattern);
        return trackers.computeIfAbsent(rule, r -> switch (r.pattern()) {
            case DOWNLOAD_AND_DELETE -> new BatchTracker(r, settings.batchShape(), settings.correlationWindow(),
                    settings.updateInterval());
            case MAILBOX_RESET -> new ResetTracker(r, settings.correlationWindow(), settings.updateInterval());
            case WATCHER_BLIND -> new BlindTracker(r, settings.correlationWindow(), settings.updateInterval());
            case LOGIN_FAILURES -> new LoginFailureTracker(r, settings.correlationWindow(), settings.updateInterval());
            case NEW_DEVICE -> new NewDeviceTracker(r, settings.correlationWindow(), settings.updateInterval());
            default -> new EpisodeTracker(r, settings.correlationWindow(), settings.updateInterval());
        });
    }

    private void emit(Alert alert, Instant at) {
        LOG.warnf("Alert %s %s (%s) on %s, %d so far: %s", alert.status(), alert.pattern(), alert.severity(),
                alert.account(), alert.count(), alert.summary());
        context.forward(new Record<Object, Object>(alert.account(), alert, at.toEpochMilli()), AnalyzerTopology.ALERTS_SINK);
    }

    private void park(Record<String, Object> record, RuntimeException e) {
        if (record.value() instanceof DeviceActivity activity) {
            byte[] value = Topics.SERVER_LOG.valueSerde().serializer().serialize(Topics.SERVER_LOG.name(), activity.record());
            DeadLetters.park(context, AnalyzerTopology.PATTERN_RECOGNISER, AnalyzerTopology.SERVER_LOG_DEAD_LETTERS,
                    DeadLetters.bytes(record.key()), value, record.headers(), record.timestamp(), e);
        } else if (record.value() instanceof MailboxEvent event) {
            byte[] value = Topics.MAILBOX_EVENTS.valueSerde().serializer().serialize(Topics.MAILBOX_EVENTS.name(), event);
            DeadLetters.park(context, AnalyzerTopology.PATTERN_RECOGNISER, AnalyzerTopology.MAILBOX_EVENTS_DEAD_LETTERS,
                    DeadLetters.bytes(record.key()), value, record.headers(), record.timestamp(), e);
        } else {
            byte[] value = Topics.DISAPPEARANCES.valueSerde().serializer()
                    .serialize(Topics.DISAPPEARANCES.name(), (Disappearance) record.value());
            DeadLetters.park(context, AnalyzerTopology.PATTERN_RECOGNISER, AnalyzerTopology.DISAPPEARANCES_DEAD_LETTERS,
                    DeadLetters.bytes(record.key()), value, record.headers(), record.timestamp(), e);
        }
    }
}
