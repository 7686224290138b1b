package io.vanishwatch.analyzer.views;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.JsonSerde;
import io.vanishwatch.events.Topics;

/**
 * The alerts as the REST API shows them, read back from the alerts topic in a sub-topology of their own: the open
 * alerts with their evidence, and each account's alert history.
 */
public final class AlertViews {

    public static final String SOURCE = "alerts-source";
    public static final String RECORDER = "alert-recorder";
    /** account/pattern → the latest FIRING or UPDATED alert; removed when RESOLVED. */
    public static final String OPEN_ALERTS = "open-alerts";
    /** Each account's alerts (without evidence) by the time they were raised, for the timeline retention. */
    public static final String ALERT_HISTORY = "alert-history";

    private AlertViews() {
    }

    public static Topology addTo(Topology topology, ViewSettings settings) {
        // bytes, decoded by the recorder: an alert it cannot read is skipped, it does not stop the analyzer
        topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), Topics.ALERTS.name());
        topology.addProcessor(RECORDER, AlertRecorder::new, SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OPEN_ALERTS),
                Serdes.String(), new JsonSerde<>(Alert.class)), RECORDER);
        topology.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(ALERT_HISTORY,
                settings.timelineRetention(), Timeline.ENTRY_WINDOW, true), Serdes.String(),
                new JsonSerde<>(Alert.class)), RECORDER);
        return topology;
    }

    /** The alert as the history keeps it: its evidence is in the account's timeline already. */
    static Alert withoutEvidence(Alert alert) {
        return new Alert(alert.alertKey(), alert.status(), alert.pattern(), alert.severity(), alert.account(),
                alert.firstSeen(), alert.lastSeen(), alert.count(), alert.summary(), alert.advice(), null,
                alert.facts());
    }
}
