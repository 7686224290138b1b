package io.vanishwatch.analyzer.views;

import java.time.Duration;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

import io.vanishwatch.events.JsonSerde;

/**
 * Each account's timeline, so that "what happened to the mail of this account this morning?" is answered from the
 * analyzer's state: every de-duplicated mailbox event in a window store by account, and the account's watch state
 * in a key-value store.
 */
public final class Timeline {

    /** The processor that records the events; a child of the deduplicator. */
    public static final String RECORDER = "timeline-recorder";
    /** Each account's events by observedAt, kept for the timeline retention in event time. */
    public static final String ACCOUNT_TIMELINE = "account-timeline";
    /** Each account's latest watch state and the time of its newest event. */
    public static final String ACCOUNTS = "accounts";

    /** Window size of the timeline store: an entry is one instant, not a window. */
    static final Duration ENTRY_WINDOW = Duration.ofMillis(1);

    private Timeline() {
    }

    /** Adds the recorder as a child of {@code parent}, which forwards it the decoded, de-duplicated events. */
    public static Topology addTo(Topology topology, ViewSettings settings, String parent) {
        topology.addProcessor(RECORDER, TimelineRecorder::new, parent);
        // duplicates retained: many events of one account may share an observedAt (a resync stamps them alike)
        topology.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(ACCOUNT_TIMELINE,
                settings.timelineRetention(), ENTRY_WINDOW, true), Serdes.String(),
                new JsonSerde<>(TimelineEntry.class)), RECORDER);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ACCOUNTS), Serdes.String(),
                new JsonSerde<>(AccountState.class)), RECORDER);
        return topology;
    }
}
