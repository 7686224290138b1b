package io.vanishwatch.analyzer.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import io.vanishwatch.analyzer.rules.AnalyzerSettings;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.ServerLogEvent;
import io.vanishwatch.events.Topics;

/**
 * The analyzer topology in a {@link TopologyTestDriver} whose wall clock starts at a fixed instant and is moved
 * forward to each event's time before it is piped, as if the events came in live ({@link #pipe}), or left where it
 * is, as if a backlog were read ({@link #pipeInBurst}).
 */
final class AnalyzerDriver implements AutoCloseable {

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, MailboxEvent> events;
    private final TestInputTopic<byte[], byte[]> rawEvents;
    private final TestOutputTopic<String, Disappearance> disappearances;
    private final TestOutputTopic<String, Alert> alerts;
    private final TestOutputTopic<byte[], byte[]> deadLetters;
    private final TestInputTopic<String, ServerLogEvent> serverLog;
    private final TestInputTopic<byte[], byte[]> rawServerLog;
    private final TestOutputTopic<byte[], byte[]> serverLogDeadLetters;
    private Instant wallClock;

    AnalyzerDriver(AnalyzerSettings settings, Instant initialWallClock) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "vanishwatch-analyzer-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        try {
            props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(Files.createDirectories(java.nio.file.Path.of("target", "streams-test")), "analyzer-driver-").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        driver = new TopologyTestDriver(AnalyzerTopology.build(settings), props, initialWallClock);
        wallClock = initialWallClock;
        events = driver.createInputTopic(Topics.MAILBOX_EVENTS.name(),
                Topics.MAILBOX_EVENTS.keySerde().serializer(), Topics.MAILBOX_EVENTS.valueSerde().serializer());
        rawEvents = driver.createInputTopic(Topics.MAILBOX_EVENTS.name(), new ByteArraySerializer(), new ByteArraySerializer());
        disappearances = driver.createOutputTopic(Topics.DISAPPEARANCES.name(),
                Topics.DISAPPEARANCES.keySerde().deserializer(), Topics.DISAPPEARANCES.valueSerde().deserializer());
        alerts = driver.createOutputTopic(Topics.ALERTS.name(),
                Topics.ALERTS.keySerde().deserializer(), Topics.ALERTS.valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(Topics.MAILBOX_EVENTS.deadLetterTopic(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        serverLog = driver.createInputTopic(Topics.SERVER_LOG.name(),
                Topics.SERVER_LOG.keySerde().serializer(), Topics.SERVER_LOG.valueSerde().serializer());
        rawServerLog = driver.createInputTopic(Topics.SERVER_LOG.name(), new ByteArraySerializer(), new ByteArraySerializer());
        serverLogDeadLetters = driver.createOutputTopic(Topics.SERVER_LOG.deadLetterTopic(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Moves the wall clock to the event's time (never back), then pipes it keyed by account, stamped observedAt. */
    AnalyzerDriver pipe(MailboxEvent... mailboxEvents) {
        for (MailboxEvent event : mailboxEvents) {
            advanceWallClockTo(event.observedAt());
            events.pipeInput(event.account(), event, event.observedAt());
        }
        return this;
    }

    /** Pipes events keyed by account, stamped observedAt, without touching the wall clock. */
    AnalyzerDriver pipeInBurst(MailboxEvent... mailboxEvents) {
        for (MailboxEvent event : mailboxEvents) {
            events.pipeInput(event.account(), event, event.observedAt());
        }
        return this;
    }

    /** Moves the wall clock to the record's time (never back), then pipes it keyed by account, stamped with its time. */
    AnalyzerDriver pipeServerLog(ServerLogEvent... records) {
        for (ServerLogEvent record : records) {
            advanceWallClockTo(record.at());
            serverLog.pipeInput(record.account(), record, record.at());
        }
        return this;
    }

    AnalyzerDriver pipeRawServerLog(byte[] key, byte[] value, Instant timestamp) {
        rawServerLog.pipeInput(key, value, timestamp);
        return this;
    }

    List<TestRecord<byte[], byte[]>> serverLogDeadLetters() {
        return serverLogDeadLetters.readRecordsToList();
    }

    AnalyzerDriver pipeRaw(byte[] key, byte[] value, Instant timestamp) {
        rawEvents.pipeInput(key, value, timestamp);
        return this;
    }

    AnalyzerDriver advanceWallClockTo(Instant instant) {
        if (instant.isAfter(wallClock)) {
            advanceWallClock(Duration.between(wallClock, instant));
        }
        return this;
    }

    AnalyzerDriver advanceWallClock(Duration duration) {
        driver.advanceWallClockTime(duration);
        wallClock = wallClock.plus(duration);
        return this;
    }

    /**
     * Lets the wall clock run for {@code duration} in ticks of 10 seconds with no input, as it runs on a quiet live
     * system (where the wall-clock punctuator fires every second), rather than in one jump.
     */
    AnalyzerDriver idle(Duration duration) {
        Duration tick = Duration.ofSeconds(10);
        for (Duration left = duration; left.compareTo(Duration.ZERO) > 0; left = left.minus(tick)) {
            advanceWallClock(left.compareTo(tick) < 0 ? left : tick);
        }
        return this;
    }

    List<Disappearance> disappearances() {
        return disappearances.readValuesToList();
    }

    List<TestRecord<String, Disappearance>> disappearanceRecords() {
        return disappearances.readRecordsToList();
    }

    List<Alert> alerts() {
        return alerts.readValuesToList();
    }

    List<TestRecord<String, Alert>> alertRecords() {
        return alerts.readRecordsToList();
    }

    Instant wallClock() {
        return wallClock;
    }

    <K, V> org.apache.kafka.streams.state.KeyValueStore<K, V> keyValueStore(String name) {
        return driver.getKeyValueStore(name);
    }

    List<TestRecord<byte[], byte[]>> deadLetters() {
        return deadLetters.readRecordsToList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
