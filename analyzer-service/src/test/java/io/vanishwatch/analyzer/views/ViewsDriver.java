package io.vanishwatch.analyzer.views;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import io.vanishwatch.analyzer.rules.AnalyzerSettings;
import io.vanishwatch.analyzer.topology.AnalyzerTopology;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.Topics;

/** The whole analyzer topology in a {@link TopologyTestDriver}, read through the views the REST API answers from. */
final class ViewsDriver implements AutoCloseable {

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, MailboxEvent> events;
    private final TestInputTopic<String, Alert> alerts;
    private final TestInputTopic<byte[], byte[]> rawAlerts;

    ViewsDriver(ViewSettings views, Instant wallClock) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "vanishwatch-analyzer-views-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        try {
            props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(
                    Files.createDirectories(Path.of("target", "streams-test")), "views-driver-").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        driver = new TopologyTestDriver(AnalyzerTopology.build(AnalyzerSettings.defaults(), views), props, wallClock);
        events = driver.createInputTopic(Topics.MAILBOX_EVENTS.name(),
                Topics.MAILBOX_EVENTS.keySerde().serializer(), Topics.MAILBOX_EVENTS.valueSerde().serializer());
        alerts = driver.createInputTopic(Topics.ALERTS.name(),
                Topics.ALERTS.keySerde().serializer(), Topics.ALERTS.valueSerde().serializer());
        rawAlerts = driver.createInputTopic(Topics.ALERTS.name(), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Pipes events keyed by account, stamped observedAt, as the collector publishes them. */
    ViewsDriver pipe(MailboxEvent... mailboxEvents) {
        for (MailboxEvent event : mailboxEvents) {
            events.pipeInput(event.account(), event, event.observedAt());
        }
        return this;
    }

    /** Pipes an alert onto the alerts topic, keyed by account, as the pattern recogniser writes it. */
    ViewsDriver pipe(Alert alert, Instant at) {
        alerts.pipeInput(alert.account(), alert, at);
        return this;
    }

    ViewsDriver pipeRawAlert(byte[] key, byte[] value, Instant at) {
        rawAlerts.pipeInput(key, value, at);
        return this;
    }

    List<KeyValue<Long, TimelineEntry>> timeline(String account, Instant from, Instant to) {
        return fetch(driver.<String, TimelineEntry>getWindowStore(Timeline.ACCOUNT_TIMELINE), account, from, to);
    }

    List<KeyValue<Long, Alert>> alertHistory(String account, Instant from, Instant to) {
        return fetch(driver.<String, Alert>getWindowStore(AlertViews.ALERT_HISTORY), account, from, to);
    }

    KeyValueStore<String, AccountState> accounts() {
        return driver.getKeyValueStore(Timeline.ACCOUNTS);
    }

    KeyValueStore<String, Alert> openAlerts() {
        return driver.getKeyValueStore(AlertViews.OPEN_ALERTS);
    }

    private static <V> List<KeyValue<Long, V>> fetch(WindowStore<String, V> store, String account, Instant from,
                                                     Instant to) {
        List<KeyValue<Long, V>> entries = new ArrayList<>();
        try (WindowStoreIterator<V> it = store.fetch(account, from, to)) {
            it.forEachRemaining(entries::add);
        }
        return entries;
    }

    @Override
    public void close() {
        driver.close();
    }
}
