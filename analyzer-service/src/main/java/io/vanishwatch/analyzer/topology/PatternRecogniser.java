package io.vanishwatch.analyzer.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

import io.vanishwatch.analyzer.rules.CatchUp;
import io.vanishwatch.analyzer.rules.Episode;
import io.vanishwatch.analyzer.rules.EpisodeTracker;
import io.vanishwatch.analyzer.rules.PatternRule;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.Topics;

/**
 * Follows each account's disappearances through every pattern's episode and emits the alerts the moment a
 * threshold is crossed. An episode ends when its latest match is a quiet period old in event time: checked at each
 * disappearance and on stream time, and on the wall clock only once the task has caught up (its newest event is
 * within {@code caughtUpWithin} of the wall clock, or its stream time has not moved for that long), taking the wall
 * clock less that margin as the event time — so a backlog being caught up never resolves an episode early.
 */
final class PatternRecogniser implements Processor<String, Disappearance, Object, Object> {

    private static final Logger LOG = Logger.getLogger(PatternRecogniser.class);

    private final Map<Alert.Pattern, EpisodeTracker> trackers;
    private final Duration punctuateInterval;
    private final Duration caughtUpWithin;
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, Episode> episodes;
    private CatchUp catchUp;

    PatternRecogniser(List<PatternRule> rules, Duration correlationWindow, Duration punctuateInterval,
                      Duration caughtUpWithin) {
        this.trackers = rules.stream().collect(Collectors.toMap(PatternRule::pattern,
                rule -> new EpisodeTracker(rule, correlationWindow), (a, b) -> b, () -> new EnumMap<>(Alert.Pattern.class)));
        this.punctuateInterval = punctuateInterval;
        this.caughtUpWithin = caughtUpWithin;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.episodes = context.getStateStore(AnalyzerTopology.PATTERN_EPISODES);
        context.schedule(punctuateInterval, PunctuationType.STREAM_TIME,
                streamTime -> endQuietEpisodes(StoreScans.all(episodes, any -> true), Instant.ofEpochMilli(streamTime)));
        context.schedule(punctuateInterval, PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
    }

    @Override
    public void process(Record<String, Disappearance> record) {
        Disappearance disappearance = record.value();
        try {
            // what a tick at this event time would have ended first, so the order of alerts never depends on ticks
            endQuietEpisodes(StoreScans.scan(episodes, StoreKeys.account(disappearance.account()), any -> true),
                    Instant.ofEpochMilli(context.currentStreamTimeMs()));
            for (EpisodeTracker tracker : trackers.values()) {
                String key = StoreKeys.episode(disappearance.account(), tracker.rule().pattern());
                Episode current = episodes.get(key);
                EpisodeTracker.Step step = tracker.onDisappearance(current, disappearance);
                save(key, current, step.episode());
                step.alerts().forEach(alert -> emit(alert, tracker.rule(), disappearance.removedAt()));
            }
        } catch (RuntimeException e) {
            byte[] value = Topics.DISAPPEARANCES.valueSerde().serializer().serialize(Topics.DISAPPEARANCES.name(), disappearance);
            DeadLetters.park(context, AnalyzerTopology.PATTERN_RECOGNISER, AnalyzerTopology.DISAPPEARANCES_DEAD_LETTERS,
                    DeadLetters.bytes(record.key()), value, record.headers(), record.timestamp(), e);
        }
    }

    private void onWallClock(long wallMs) {
        long streamTime = context.currentStreamTimeMs();
        catchUp = catchUp == null ? CatchUp.firstTick(streamTime, wallMs) : catchUp.tick(streamTime, wallMs);
        OptionalLong eventTime = catchUp.eventTimeMs(wallMs, caughtUpWithin);
        if (eventTime.isPresent()) {
            endQuietEpisodes(StoreScans.all(episodes, any -> true), Instant.ofEpochMilli(eventTime.getAsLong()));
        } else {
            LOG.debugf("Catching up (stream time %d, wall clock %d): quiet episodes wait", streamTime, wallMs);
        }
    }

    /** Ends those of the episodes whose latest match is a quiet period old at {@code now}; forgets stale candidates. */
    private void endQuietEpisodes(List<KeyValue<String, Episode>> current, Instant now) {
        for (KeyValue<String, Episode> entry : current) {
            EpisodeTracker tracker = trackers.get(entry.value.pattern());
            EpisodeTracker.Step step = tracker == null
                    ? new EpisodeTracker.Step(null, List.of())
                    : tracker.onTick(entry.value, now);
            save(entry.key, entry.value, step.episode());
            step.alerts().forEach(alert -> emit(alert, tracker.rule(), now));
        }
    }

    private void save(String key, Episode before, Episode after) {
        if (after == null) {
            if (before != null) {
                episodes.delete(key);
            }
        } else if (!after.equals(before)) {
            episodes.put(key, after);
        }
    }

    /**
     * Stamped with the removal that caused it; a RESOLVED with the event time its episode went quiet, so that the
     * same input gives the same records whenever it is processed.
     */
    private void emit(Alert alert, PatternRule rule, Instant cause) {
        LOG.warnf("Alert %s %s (%s) on %s, %d so far: %s", alert.status(), alert.pattern(), alert.severity(),
                alert.account(), alert.count(), alert.summary());
        Instant at = alert.status() == Alert.Status.FIRING ? cause : alert.lastSeen().plus(rule.quietPeriod());
        context.forward(new Record<Object, Object>(alert.account(), alert, at.toEpochMilli()), AnalyzerTopology.ALERTS_SINK);
    }
}
