package io.vanishwatch.analyzer.topology;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import io.vanishwatch.analyzer.config.AnalyzerConfig;
import io.vanishwatch.analyzer.config.AnalyzerSettingsReader;
import io.vanishwatch.analyzer.rules.AnalyzerSettings;
import io.vanishwatch.analyzer.rules.Episode;
import io.vanishwatch.analyzer.rules.KnownMessage;
import io.vanishwatch.analyzer.rules.PendingAttribution;
import io.vanishwatch.analyzer.rules.PendingRemoval;
import io.vanishwatch.analyzer.rules.RecentArrival;
import io.vanishwatch.analyzer.rules.ServerLogHeard;
import io.vanishwatch.analyzer.rules.WatchStatus;
import io.vanishwatch.analyzer.views.AlertViews;
import io.vanishwatch.analyzer.views.Timeline;
import io.vanishwatch.analyzer.views.ViewSettings;
import io.vanishwatch.analyzer.views.ViewsConfig;
import io.vanishwatch.events.JsonSerde;
import io.vanishwatch.events.ServerLogEvent;
import io.vanishwatch.events.Topics;

/**
 * The analyzer's one Kafka Streams topology, every node and store named:
 * <pre>
 * mailbox-events-source ─▶ mailbox-event-decoder ─▶ mailbox-event-deduplicator ─▶ disappearance-correlator ─▶ disappearance-attributor ─┬▶ disappearances-sink
 *                                  │                          │                            │   └──── (watch events) ──────┐            └▶ pattern-recogniser ─┬▶ alerts-sink
 *                                  └──────────────────────────┴────────────────────────────┴─▶ mailbox-events-dead-letters   │                                     └▶ disappearances-dead-letters
 * server-log-source ─▶ server-log-decoder ─▶ disappearance-attributor                    pattern-recogniser ◀─────────────┘
 *                                  └───────────────────────────┴─▶ server-log-dead-letters
 * </pre>
 * The attributor and the pattern recogniser hang directly off the correlator, in the same sub-topology as the server
 * log's source, so a disappearance, the device it is attributed to and the alert it causes commit in one transaction;
 * the correlator also hands the recogniser the events that are about the watch rather than one message (INBOX
 * arrivals, resets, watch states). The views the REST API reads are added by
 * {@link Timeline} (a child of the deduplicator) and {@link AlertViews} (a sub-topology of its own, reading the
 * alerts back).
 */
@ApplicationScoped
public class AnalyzerTopology {

    public static final String SOURCE = "mailbox-events-source";
    public static final String DECODER = "mailbox-event-decoder";
    public static final String DEDUPLICATOR = "mailbox-event-deduplicator";
    public static final String CORRELATOR = "disappearance-correlator";
    public static final String DISAPPEARANCES_SINK = "disappearances-sink";
    public static final String PATTERN_RECOGNISER = "pattern-recogniser";
    public static final String ALERTS_SINK = "alerts-sink";
    public static final String MAILBOX_EVENTS_DEAD_LETTERS = "mailbox-events-dead-letters";
    public static final String DISAPPEARANCES_DEAD_LETTERS = "disappearances-dead-letters";
    public static final String SERVER_LOG_SOURCE = "server-log-source";
    public static final String SERVER_LOG_DECODER = "server-log-decoder";
    public static final String ATTRIBUTOR = "disappearance-attributor";
    public static final String SERVER_LOG_DEAD_LETTERS = "server-log-dead-letters";

    /** Last known state of every message in every watched folder, by account/folder/UIDVALIDITY/UID. */
    public static final String MESSAGE_STATES = "message-states";
    /** Removals waiting out the correlation window. */
    public static final String PENDING_REMOVALS = "pending-removals";
    /** Arrivals kept for the correlation window, for removals that come after them. */
    public static final String RECENT_ARRIVALS = "recent-arrivals";
    /** The latest watch state of each account. */
    public static final String WATCH_STATES = "watch-states";
    /** The event ids seen, per account and folder, kept for the dedup retention in event time. */
    public static final String SEEN_EVENT_IDS = "seen-event-ids";
    /** The server's removal records (expunge, copy, \Deleted, POP3 retrieve), by Message-ID and by UID, kept for the attribution window. */
    public static final String SERVER_LOG_REMOVALS = "server-log-removals";
    /** When each account's server log was last heard from (event time): only those accounts wait for it. */
    public static final String SERVER_LOG_HEARD = "server-log-heard";
    /** The client names and addresses each account's server log has shown, with when last seen. */
    public static final String KNOWN_DEVICES = "known-devices";
    /** Disappearances waiting briefly for the server's record of their expunge. */
    public static final String PENDING_ATTRIBUTIONS = "pending-attributions";
    /** Each account's episode per pattern: a handful of bounded entries per account. */
    public static final String PATTERN_EPISODES = "pattern-episodes";

    /** The topology Quarkus runs, from the checked configuration; bad configuration stops the start here. */
    @Produces
    public Topology topology(AnalyzerConfig config, ViewsConfig views) {
        return build(AnalyzerSettingsReader.read(config), ViewSettings.read(views));
    }

    /** Builds the topology with the views' default settings; no I/O. */
    public static Topology build(AnalyzerSettings settings) {
        return build(settings, ViewSettings.defaults());
    }

    /** Builds the topology; no I/O. */
    public static Topology build(AnalyzerSettings settings, ViewSettings views) {
        Topology topology = new Topology();
        topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), Topics.MAILBOX_EVENTS.name());
        topology.addProcessor(DECODER, MailboxEventDecoder::new, SOURCE);
        topology.addProcessor(DEDUPLICATOR, () -> new MailboxEventDeduplicator(settings.dedupRetention()), DECODER);
        topology.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(SEEN_EVENT_IDS,
                settings.dedupRetention(), settings.dedupRetention(), false), Serdes.String(), Serdes.Long()), DEDUPLICATOR);
        topology.addProcessor(CORRELATOR,
                () -> new DisappearanceCorrelator(settings.correlationWindow(), settings.punctuateInterval()), DEDUPLICATOR);
        topology.addStateStore(store(MESSAGE_STATES, KnownMessage.class), CORRELATOR);
        topology.addStateStore(churningStore(PENDING_REMOVALS, PendingRemoval.class), CORRELATOR);
        topology.addStateStore(churningStore(RECENT_ARRIVALS, RecentArrival.class), CORRELATOR);
        topology.addStateStore(store(WATCH_STATES, WatchStatus.class), CORRELATOR);
        topology.addSource(SERVER_LOG_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), Topics.SERVER_LOG.name());
        topology.addProcessor(SERVER_LOG_DECODER, ServerLogDecoder::new, SERVER_LOG_SOURCE);
        topology.addProcessor(ATTRIBUTOR, () -> new DisappearanceAttributor(settings.attribution(),
                settings.punctuateInterval(), settings.caughtUpWithin()), CORRELATOR, SERVER_LOG_DECODER);
        Duration attributionWindow = settings.attribution().window();
        topology.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(SERVER_LOG_REMOVALS,
                attributionWindow, attributionWindow, true), Serdes.String(), new JsonSerde<>(ServerLogEvent.class)), ATTRIBUTOR);
        topology.addStateStore(store(SERVER_LOG_HEARD, ServerLogHeard.class), ATTRIBUTOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(KNOWN_DEVICES),
                Serdes.String(), Serdes.Long()), ATTRIBUTOR);
        topology.addStateStore(churningStore(PENDING_ATTRIBUTIONS, PendingAttribution.class), ATTRIBUTOR);
        topology.addSink(DISAPPEARANCES_SINK, Topics.DISAPPEARANCES.name(),
                Topics.DISAPPEARANCES.keySerde().serializer(), Topics.DISAPPEARANCES.valueSerde().serializer(), ATTRIBUTOR);
        topology.addProcessor(PATTERN_RECOGNISER, () -> new PatternRecogniser(settings), CORRELATOR, ATTRIBUTOR);
        topology.addStateStore(churningStore(PATTERN_EPISODES, Episode.class), PATTERN_RECOGNISER);
        topology.addSink(ALERTS_SINK, Topics.ALERTS.name(),
                Topics.ALERTS.keySerde().serializer(), Topics.ALERTS.valueSerde().serializer(), PATTERN_RECOGNISER);
        topology.addSink(MAILBOX_EVENTS_DEAD_LETTERS, Topics.MAILBOX_EVENTS.deadLetterTopic(),
                new ByteArraySerializer(), new ByteArraySerializer(), DECODER, DEDUPLICATOR, CORRELATOR, PATTERN_RECOGNISER);
        topology.addSink(DISAPPEARANCES_DEAD_LETTERS, Topics.DISAPPEARANCES.deadLetterTopic(),
                new ByteArraySerializer(), new ByteArraySerializer(), ATTRIBUTOR, PATTERN_RECOGNISER);
        topology.addSink(SERVER_LOG_DEAD_LETTERS, Topics.SERVER_LOG.deadLetterTopic(),
                new ByteArraySerializer(), new ByteArraySerializer(), SERVER_LOG_DECODER, ATTRIBUTOR, PATTERN_RECOGNISER);
        Timeline.addTo(topology, views, DEDUPLICATOR);
        AlertViews.addTo(topology, views);
        return topology;
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Class<V> type) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), new JsonSerde<>(type));
    }

    /**
     * A store whose entries live seconds to minutes and which is scanned whole on every tick: kept in memory (still
     * restored from its changelog). In RocksDB every deleted entry leaves a tombstone that each later scan walks over
     * until compaction, so the scans, and the analyzer, slowed down with every event it had processed.
     */
    private static <V> StoreBuilder<KeyValueStore<String, V>> churningStore(String name, Class<V> type) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), new JsonSerde<>(type));
    }
}
