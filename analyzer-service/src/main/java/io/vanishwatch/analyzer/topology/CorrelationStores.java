package io.vanishwatch.analyzer.topology;

import java.util.List;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

import io.vanishwatch.analyzer.rules.FolderPruning;
import io.vanishwatch.analyzer.rules.KnownMessage;
import io.vanishwatch.analyzer.rules.PendingRemoval;
import io.vanishwatch.analyzer.rules.RecentArrival;
import io.vanishwatch.analyzer.rules.WatchStatus;

/** The correlator's stores, and the pruning a folder-level event calls for. */
final class CorrelationStores {

    private static final Logger LOG = Logger.getLogger(CorrelationStores.class);

    final KeyValueStore<String, KnownMessage> messages;
    final KeyValueStore<String, PendingRemoval> pendingRemovals;
    final KeyValueStore<String, RecentArrival> recentArrivals;
    final KeyValueStore<String, WatchStatus> watchStates;

    CorrelationStores(ProcessorContext<?, ?> context) {
        this.messages = context.getStateStore(AnalyzerTopology.MESSAGE_STATES);
        this.pendingRemovals = context.getStateStore(AnalyzerTopology.PENDING_REMOVALS);
        this.recentArrivals = context.getStateStore(AnalyzerTopology.RECENT_ARRIVALS);
        this.watchStates = context.getStateStore(AnalyzerTopology.WATCH_STATES);
    }

    /** Forgets what a folder-level event says no longer applies to the folder. */
    void prune(FolderPruning pruning) {
        List<String> states = keys(StoreScans.scan(messages, StoreKeys.folder(pruning.account(), pruning.folder()), state -> true));
        states.forEach(messages::delete);
        int removals = 0;
        int arrivals = 0;
        if (pruning.removalsAndArrivals()) {
            List<String> pending = keys(StoreScans.scan(pendingRemovals, StoreKeys.account(pruning.account()),
                    removal -> pruning.folder().equals(removal.message().folder())));
            pending.forEach(pendingRemovals::delete);
            List<String> recent = keys(StoreScans.scan(recentArrivals, StoreKeys.account(pruning.account()),
                    arrival -> pruning.folder().equals(arrival.folder())));
            recent.forEach(recentArrivals::delete);
            removals = pending.size();
            arrivals = recent.size();
        }
        LOG.infof("Folder %s of %s: forgot %d message states, %d pending removals, %d recent arrivals",
                pruning.folder(), pruning.account(), states.size(), removals, arrivals);
    }

    private static <V> List<String> keys(List<KeyValue<String, V>> entries) {
        return entries.stream().map(entry -> entry.key).toList();
    }
}
