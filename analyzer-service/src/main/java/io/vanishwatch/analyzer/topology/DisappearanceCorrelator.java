package io.vanishwatch.analyzer.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

import io.vanishwatch.analyzer.rules.AlertWording;
import io.vanishwatch.analyzer.rules.Correlation;
import io.vanishwatch.analyzer.rules.CorrelationKey;
import io.vanishwatch.analyzer.rules.KnownMessage;
import io.vanishwatch.analyzer.rules.PendingRemoval;
import io.vanishwatch.analyzer.rules.RecentArrival;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.Topics;

/**
 * Turns each REMOVED into a {@link Disappearance}: remembers every message's last known state, holds a removal for
 * the correlation window while the same message may still turn up in another folder (its ARRIVED may also have come
 * first), and decides GONE from a wall-clock punctuator so the answer comes even when nothing else arrives.
 */
final class DisappearanceCorrelator implements Processor<String, MailboxEvent, Object, Object> {

    private static final Logger LOG = Logger.getLogger(DisappearanceCorrelator.class);

    private final Duration window;
    private final Duration punctuateInterval;
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, KnownMessage> messages;
    private KeyValueStore<String, PendingRemoval> pendingRemovals;
    private KeyValueStore<String, RecentArrival> recentArrivals;

    DisappearanceCorrelator(Duration window, Duration punctuateInterval) {
        this.window = window;
        this.punctuateInterval = punctuateInterval;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.messages = context.getStateStore(AnalyzerTopology.MESSAGE_STATES);
        this.pendingRemovals = context.getStateStore(AnalyzerTopology.PENDING_REMOVALS);
        this.recentArrivals = context.getStateStore(AnalyzerTopology.RECENT_ARRIVALS);
        context.schedule(punctuateInterval, PunctuationType.WALL_CLOCK_TIME, this::decideExpired);
    }

    @Override
    public void process(Record<String, MailboxEvent> record) {
        MailboxEvent event = record.value();
        try {
            decideGone(event.account(), event.observedAt());
            switch (event.type()) {
                case ARRIVED -> onArrived(event);
                case REMOVED -> onRemoved(event);
                case FLAGS_CHANGED -> onFlagsChanged(event);
                default -> LOG.debugf("No disappearance to explain in %s of %s", event.type(), event.account());
            }
        } catch (RuntimeException e) {
            byte[] value = Topics.MAILBOX_EVENTS.valueSerde().serializer().serialize(Topics.MAILBOX_EVENTS.name(), event);
            DeadLetters.park(context, AnalyzerTopology.CORRELATOR, AnalyzerTopology.MAILBOX_EVENTS_DEAD_LETTERS,
                    DeadLetters.bytes(record.key()), value, record.headers(), record.timestamp(), e);
        }
    }

    private void onArrived(MailboxEvent event) {
        String key = StoreKeys.message(event.account(), event.folder(), event.uidValidity(), event.uid());
        KnownMessage existing = messages.get(key);
        if (existing != null && existing.arrivedAt() != null) {
            LOG.debugf("ARRIVED again for %s: keeping the first arrival", key);
            return;
        }
        KnownMessage arrived = existing == null ? KnownMessage.arrived(event) : KnownMessage.arrived(event).withFlags(existing.flags());
        messages.put(key, arrived);
        Optional<String> correlationKey = CorrelationKey.of(arrived);
        if (correlationKey.isEmpty()) {
            return;
        }
        RecentArrival arrival = new RecentArrival(event.folder(), event.folderRole(), event.uidValidity(), event.uid(),
                event.observedAt(), context.currentSystemTimeMs() + window.toMillis());
        Optional<KeyValue<String, PendingRemoval>> removal = first(pendingRemovals,
                StoreKeys.correlation(event.account(), correlationKey.get()),
                pending -> Correlation.isMoveOf(pending, arrival, window));
        if (removal.isPresent()) {
            pendingRemovals.delete(removal.get().key);
            emit(Correlation.moved(removal.get().value, arrival));
        } else {
            recentArrivals.put(StoreKeys.located(event.account(), correlationKey.get(), arrived), arrival);
        }
    }

    private void onRemoved(MailboxEvent event) {
        String key = StoreKeys.message(event.account(), event.folder(), event.uidValidity(), event.uid());
        KnownMessage known = KnownMessage.atRemoval(messages.get(key), event);
        messages.delete(key);
        PendingRemoval removal = new PendingRemoval(event.account(), known, event.observedAt(), event.lastSeenAt(),
                context.currentSystemTimeMs() + window.toMillis());
        Optional<String> correlationKey = CorrelationKey.of(known);
        if (correlationKey.isEmpty()) {
            emit(Correlation.gone(removal));
            return;
        }
        String pendingKey = StoreKeys.located(event.account(), correlationKey.get(), known);
        if (pendingRemovals.get(pendingKey) != null) {
            LOG.debugf("REMOVED again for %s: already waiting for its destination", key);
            return;
        }
        Optional<KeyValue<String, RecentArrival>> arrival = first(recentArrivals,
                StoreKeys.correlation(event.account(), correlationKey.get()),
                recent -> Correlation.isMoveOf(removal, recent, window));
        if (arrival.isPresent()) {
            recentArrivals.delete(arrival.get().key);
            emit(Correlation.moved(removal, arrival.get().value));
        } else {
            pendingRemovals.put(pendingKey, removal);
        }
    }

    private void onFlagsChanged(MailboxEvent event) {
        String key = StoreKeys.message(event.account(), event.folder(), event.uidValidity(), event.uid());
        KnownMessage existing = messages.get(key);
        messages.put(key, existing == null ? KnownMessage.describedBy(event, null) : existing.withFlags(event.flags()));
    }

    /** Removals of this account that the account's own newer events put beyond the window are GONE now. */
    private void decideGone(String account, Instant accountEventTime) {
        long now = context.currentSystemTimeMs();
        List<KeyValue<String, PendingRemoval>> due = new ArrayList<>();
        try (KeyValueIterator<String, PendingRemoval> it =
                     pendingRemovals.prefixScan(StoreKeys.account(account), StoreKeys.PREFIX_SERIALIZER)) {
            it.forEachRemaining(entry -> {
                if (Correlation.isGone(entry.value, now, accountEventTime, window)) {
                    due.add(entry);
                }
            });
        }
        emitGone(due);
    }

    /** The wall-clock punctuator: removals whose window has passed are GONE; arrivals that old are forgotten. */
    private void decideExpired(long now) {
        List<KeyValue<String, PendingRemoval>> due = new ArrayList<>();
        try (KeyValueIterator<String, PendingRemoval> it = pendingRemovals.all()) {
            it.forEachRemaining(entry -> {
                if (Correlation.isGone(entry.value, now, null, window)) {
                    due.add(entry);
                }
            });
        }
        emitGone(due);
        List<String> forgotten = new ArrayList<>();
        try (KeyValueIterator<String, RecentArrival> it = recentArrivals.all()) {
            it.forEachRemaining(entry -> {
                if (now >= entry.value.forgetAtMs()) {
                    forgotten.add(entry.key);
                }
            });
        }
        forgotten.forEach(recentArrivals::delete);
    }

    private void emitGone(List<KeyValue<String, PendingRemoval>> due) {
        due.sort((a, b) -> a.value.removedAt().compareTo(b.value.removedAt()));
        for (KeyValue<String, PendingRemoval> entry : due) {
            pendingRemovals.delete(entry.key);
            emit(Correlation.gone(entry.value));
        }
    }

    private void emit(Disappearance disappearance) {
        LOG.infof("Disappearance: %s", AlertWording.describe(disappearance));
        Record<Object, Object> out = new Record<>(disappearance.account(), disappearance,
                disappearance.removedAt().toEpochMilli());
        context.forward(out, AnalyzerTopology.DISAPPEARANCES_SINK);
        context.forward(out, AnalyzerTopology.PATTERN_RECOGNISER);
    }

    private static <V> Optional<KeyValue<String, V>> first(KeyValueStore<String, V> store, String prefix,
                                                          java.util.function.Predicate<V> matches) {
        try (KeyValueIterator<String, V> it = store.prefixScan(prefix, StoreKeys.PREFIX_SERIALIZER)) {
            while (it.hasNext()) {
                KeyValue<String, V> entry = it.next();
                if (matches.test(entry.value)) {
                    return Optional.of(entry);
                }
            }
        }
        return Optional.empty();
    }
}
