package io.vanishwatch.analyzer.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

import io.vanishwatch.analyzer.rules.Episode;
import io.vanishwatch.analyzer.rules.EpisodeTracker;
import io.vanishwatch.analyzer.rules.PatternRule;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.Topics;

/**
 * Follows each account's disappearances through every pattern's episode and emits the alerts the moment a
 * threshold is crossed; a wall-clock punctuator ends episodes that have gone quiet.
 */
final class PatternRecogniser implements Processor<String, Disappearance, Object, Object> {

    private static final Logger LOG = Logger.getLogger(PatternRecogniser.class);

    private final Map<Alert.Pattern, EpisodeTracker> trackers;
    private final Duration punctuateInterval;
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, Episode> episodes;

    PatternRecogniser(List<PatternRule> rules, Duration punctuateInterval) {
        this.trackers = rules.stream().collect(Collectors.toMap(PatternRule::pattern, EpisodeTracker::new,
                (a, b) -> b, () -> new java.util.EnumMap<>(Alert.Pattern.class)));
        this.punctuateInterval = punctuateInterval;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.episodes = context.getStateStore(AnalyzerTopology.PATTERN_EPISODES);
        context.schedule(punctuateInterval, PunctuationType.WALL_CLOCK_TIME, this::endQuietEpisodes);
    }

    @Override
    public void process(Record<String, Disappearance> record) {
        Disappearance disappearance = record.value();
        try {
            long now = context.currentSystemTimeMs();
            for (EpisodeTracker tracker : trackers.values()) {
                String key = StoreKeys.episode(disappearance.account(), tracker.rule().pattern());
                Episode current = episodes.get(key);
                EpisodeTracker.Step step = tracker.onDisappearance(current, disappearance, now);
                save(key, current, step.episode());
                step.alerts().forEach(alert -> emit(alert, disappearance.removedAt().toEpochMilli()));
            }
        } catch (RuntimeException e) {
            byte[] value = Topics.DISAPPEARANCES.valueSerde().serializer().serialize(Topics.DISAPPEARANCES.name(), disappearance);
            DeadLetters.park(context, AnalyzerTopology.PATTERN_RECOGNISER, AnalyzerTopology.DISAPPEARANCES_DEAD_LETTERS,
                    DeadLetters.bytes(record.key()), value, record.headers(), record.timestamp(), e);
        }
    }

    private void endQuietEpisodes(long now) {
        List<KeyValue<String, Episode>> all = new ArrayList<>();
        try (KeyValueIterator<String, Episode> it = episodes.all()) {
            it.forEachRemaining(all::add);
        }
        for (KeyValue<String, Episode> entry : all) {
            EpisodeTracker tracker = trackers.get(entry.value.pattern());
            EpisodeTracker.Step step = tracker == null
                    ? new EpisodeTracker.Step(null, List.of())
                    : tracker.onTick(entry.value, now);
            save(entry.key, entry.value, step.episode());
            step.alerts().forEach(alert -> emit(alert, now));
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

    private void emit(Alert alert, long timestamp) {
        LOG.warnf("Alert %s %s (%s) on %s, %d so far: %s", alert.status(), alert.pattern(), alert.severity(),
                alert.account(), alert.count(), alert.summary());
        context.forward(new Record<Object, Object>(alert.account(), alert, timestamp), AnalyzerTopology.ALERTS_SINK);
    }
}
