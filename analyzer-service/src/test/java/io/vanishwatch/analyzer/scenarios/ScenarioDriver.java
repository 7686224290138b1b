package io.vanishwatch.analyzer.scenarios;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import io.vanishwatch.analyzer.rules.AnalyzerSettings;
import io.vanishwatch.analyzer.topology.AnalyzerTopology;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.Topics;

/**
 * The real topology on a {@link TopologyTestDriver}, its wall clock run as on a quiet live system: in ticks of at
 * most 10 seconds (as {@code AnalyzerDriver.idle}), up to each event's time before the event is piped (never back, so
 * events older than the clock come in as a backlog would).
 */
final class ScenarioDriver implements AutoCloseable {

    private static final Duration TICK = Duration.ofSeconds(10);

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, MailboxEvent> events;
    private final TestOutputTopic<String, Disappearance> disappearances;
    private final TestOutputTopic<String, Alert> alerts;
    private final Path stateDir;
    private Instant wallClock;

    ScenarioDriver(AnalyzerSettings settings, Instant start) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "vanishwatch-analyzer-scenarios");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        stateDir = stateDir();
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(AnalyzerTopology.build(settings), props, start);
        wallClock = start;
        events = driver.createInputTopic(Topics.MAILBOX_EVENTS.name(),
                Topics.MAILBOX_EVENTS.keySerde().serializer(), Topics.MAILBOX_EVENTS.valueSerde().serializer());
        disappearances = driver.createOutputTopic(Topics.DISAPPEARANCES.name(),
                Topics.DISAPPEARANCES.keySerde().deserializer(), Topics.DISAPPEARANCES.valueSerde().deserializer());
        alerts = driver.createOutputTopic(Topics.ALERTS.name(),
                Topics.ALERTS.keySerde().deserializer(), Topics.ALERTS.valueSerde().deserializer());
    }

    /** Runs the wall clock on to the event's time, then pipes it keyed by account and stamped observedAt. */
    void pipe(MailboxEvent event) {
        if (event.observedAt().isAfter(wallClock)) {
            run(Duration.between(wallClock, event.observedAt()));
        }
        events.pipeInput(event.account(), event, event.observedAt());
    }

    /** The wall clock runs on for {@code duration} with no input, tick by tick. */
    void run(Duration duration) {
        for (Duration left = duration; left.compareTo(Duration.ZERO) > 0; ) {
            Duration step = left.compareTo(TICK) < 0 ? left : TICK;
            driver.advanceWallClockTime(step);
            wallClock = wallClock.plus(step);
            left = left.minus(step);
        }
    }

    List<TestRecord<String, Disappearance>> disappearances() {
        return disappearances.readRecordsToList();
    }

    List<TestRecord<String, Alert>> alerts() {
        return alerts.readRecordsToList();
    }

    /**
     * Each piped event commits the stores; in memory ({@code /dev/shm}, where there is one) that takes a fraction of
     * the time it takes on disk.
     */
    private static Path stateDir() {
        Path shm = Path.of("/dev/shm");
        try {
            Path parent = Files.isDirectory(shm) && Files.isWritable(shm) ? shm
                    : Files.createDirectories(Path.of("target", "streams-test"));
            return Files.createTempDirectory(parent, "vanishwatch-scenario-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.close();
        try (Stream<Path> files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
