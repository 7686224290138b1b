package io.vanishwatch.analyzer.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.jboss.logging.Logger;

import io.vanishwatch.analyzer.rules.AlertWording;
import io.vanishwatch.analyzer.rules.Correlation;
import io.vanishwatch.analyzer.rules.CorrelationKey;
import io.vanishwatch.analyzer.rules.FolderPruning;
import io.vanishwatch.analyzer.rules.KnownMessage;
import io.vanishwatch.analyzer.rules.PendingRemoval;
import io.vanishwatch.analyzer.rules.RecentArrival;
import io.vanishwatch.analyzer.rules.WatchStatus;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.Topics;
import io.vanishwatch.events.Verdict;

/**
 * Turns each REMOVED into a {@link Disappearance}: at once where the collector's verdict says where the message is;
 * otherwise by holding the removal for the correlation window while the same message may still turn up in another
 * folder (its ARRIVED may also have come first). That window is measured in event time only — the account's own
 * later events, and a stream-time punctuator — and never runs while the account's watch is blind, so a backlog
 * caught up later is decided exactly as it would have been live.
 */
final class DisappearanceCorrelator implements Processor<String, MailboxEvent, Object, Object> {

    private static final Logger LOG = Logger.getLogger(DisappearanceCorrelator.class);
    /** Stands for the correlation key of a message that nothing identifies across folders: it never matches. */
    private static final String UNCORRELATED = "none";

    private final Duration window;
    private final Duration punctuateInterval;
    private ProcessorContext<Object, Object> context;
    private CorrelationStores stores;

    DisappearanceCorrelator(Duration window, Duration punctuateInterval) {
        this.window = window;
        this.punctuateInterval = punctuateInterval;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.stores = new CorrelationStores(context);
        context.schedule(punctuateInterval, PunctuationType.STREAM_TIME, this::decideByStreamTime);
    }

    @Override
    public void process(Record<String, MailboxEvent> record) {
        MailboxEvent event = record.value();
        try {
            decideGone(event.account(), event.observedAt());
            switch (event.type()) {
                case ARRIVED -> onArrived(event);
                case REMOVED -> {
                    if (event.verdict() != null) {
                        onChecked(event);
                    } else {
                        onRemoved(event);
                    }
                }
                case FLAGS_CHANGED -> onFlagsChanged(event);
                case WATCH_STATE -> onWatchState(event);
                case UIDVALIDITY_CHANGED, FOLDER_REMOVED -> FolderPruning.of(event).ifPresent(stores::prune);
                default -> LOG.debugf("No disappearance to explain in %s of %s", event.type(), event.account());
            }
            if (concernsPatterns(event)) {
                context.forward(new Record<Object, Object>(record.key(), event, record.timestamp(), record.headers()),
                        AnalyzerTopology.PATTERN_RECOGNISER);
            }
        } catch (RuntimeException e) {
            byte[] value = Topics.MAILBOX_EVENTS.valueSerde().serializer().serialize(Topics.MAILBOX_EVENTS.name(), event);
            DeadLetters.park(context, AnalyzerTopology.CORRELATOR, AnalyzerTopology.MAILBOX_EVENTS_DEAD_LETTERS,
                    DeadLetters.bytes(record.key()), value, record.headers(), record.timestamp(), e);
        }
    }

    /** INBOX arrivals (what a download-and-delete device takes), resets and watch states are patterns' input too. */
    private static boolean concernsPatterns(MailboxEvent event) {
        return switch (event.type()) {
            case ARRIVED -> event.folderRole() == io.vanishwatch.events.FolderRole.INBOX;
            case UIDVALIDITY_CHANGED, WATCH_STATE -> true;
            default -> false;
        };
    }

    private void onArrived(MailboxEvent event) {
        String key = StoreKeys.message(event.account(), event.folder(), event.uidValidity(), event.uid());
        KnownMessage existing = stores.messages.get(key);
        if (existing != null && existing.arrivedAt() != null) {
            LOG.debugf("ARRIVED again for %s: keeping the first arrival", key);
            return;
        }
        KnownMessage arrived = existing == null ? KnownMessage.arrived(event) : KnownMessage.arrived(event).withFlags(existing.flags());
        stores.messages.put(key, arrived);
        Optional<String> correlationKey = CorrelationKey.of(arrived);
        if (correlationKey.isEmpty()) {
            return;
        }
        RecentArrival arrival = new RecentArrival(event.folder(), event.folderRole(), event.uidValidity(), event.uid(),
                event.observedAt(), event.lastSeenAt());
        Optional<KeyValue<String, PendingRemoval>> removal = StoreScans.first(stores.pendingRemovals,
                StoreKeys.correlation(event.account(), correlationKey.get()),
                pending -> Correlation.isMoveOf(pending, arrival, window));
        if (removal.isPresent()) {
            stores.pendingRemovals.delete(removal.get().key);
            emit(Correlation.moved(removal.get().value, arrival));
        } else {
            stores.recentArrivals.put(StoreKeys.located(event.account(), correlationKey.get(), arrived), arrival);
        }
    }

    /** A removal with the collector's verdict: decided now, and the arrival it names no longer explains another. */
    private void onChecked(MailboxEvent event) {
        String key = StoreKeys.message(event.account(), event.folder(), event.uidValidity(), event.uid());
        KnownMessage known = KnownMessage.atRemoval(stores.messages.get(key), event);
        stores.messages.delete(key);
        Verdict verdict = event.verdict();
        if (verdict.location() == Verdict.Location.IN_FOLDER) {
            CorrelationKey.of(known).ifPresent(correlationKey -> StoreScans.scan(stores.recentArrivals,
                            StoreKeys.correlation(event.account(), correlationKey),
                            arrival -> arrival.folder().equals(verdict.folder()) && arrival.uid() == verdict.uid())
                    .forEach(arrival -> stores.recentArrivals.delete(arrival.key)));
        }
        emit(Correlation.checked(known, event));
    }

    private void onRemoved(MailboxEvent event) {
        String key = StoreKeys.message(event.account(), event.folder(), event.uidValidity(), event.uid());
        KnownMessage known = KnownMessage.atRemoval(stores.messages.get(key), event);
        stores.messages.delete(key);
        PendingRemoval removal = new PendingRemoval(event.account(), known, event.observedAt(), event.lastSeenAt());
        Optional<String> correlationKey = CorrelationKey.of(known);
        String pendingKey = StoreKeys.located(event.account(), correlationKey.orElse(UNCORRELATED), known);
        if (stores.pendingRemovals.get(pendingKey) != null) {
            LOG.debugf("REMOVED again for %s: already waiting for its destination", key);
            return;
        }
        Optional<KeyValue<String, RecentArrival>> arrival = correlationKey.flatMap(ck -> StoreScans.first(
                stores.recentArrivals, StoreKeys.correlation(event.account(), ck),
                recent -> Correlation.isMoveOf(removal, recent, window)));
        if (arrival.isPresent()) {
            stores.recentArrivals.delete(arrival.get().key);
            emit(Correlation.moved(removal, arrival.get().value));
        } else {
            stores.pendingRemovals.put(pendingKey, removal);
        }
    }

    private void onFlagsChanged(MailboxEvent event) {
        String key = StoreKeys.message(event.account(), event.folder(), event.uidValidity(), event.uid());
        KnownMessage existing = stores.messages.get(key);
        stores.messages.put(key, existing == null ? KnownMessage.describedBy(event, null) : existing.withFlags(event.flags()));
    }

    private void onWatchState(MailboxEvent event) {
        WatchStatus before = stores.watchStates.get(event.account());
        WatchStatus after = WatchStatus.after(before, event);
        if (!after.equals(before)) {
            stores.watchStates.put(event.account(), after);
            LOG.infof("Watch of %s is %s since %s%s", event.account(), after.state(), after.since(),
                    after.reason() == null ? "" : ": " + after.reason());
        }
    }

    /**
     * Removals of this account that its own event at {@code eventTime} puts beyond the window are GONE; decided
     * before the event itself is applied, so a watch that goes blind now does not hold back what passed while it saw.
     */
    private void decideGone(String account, Instant eventTime) {
        WatchStatus watch = stores.watchStates.get(account);
        emitGone(StoreScans.scan(stores.pendingRemovals, StoreKeys.account(account),
                removal -> Correlation.isGone(removal, eventTime, watch, window)));
    }

    /** The stream-time punctuator: removals the stream time puts beyond the window are GONE; old arrivals go. */
    private void decideByStreamTime(long streamTimeMs) {
        Instant now = Instant.ofEpochMilli(streamTimeMs);
        Map<String, Optional<WatchStatus>> watches = new HashMap<>();
        emitGone(StoreScans.all(stores.pendingRemovals, removal -> Correlation.isGone(removal, now,
                watches.computeIfAbsent(removal.account(), a -> Optional.ofNullable(stores.watchStates.get(a)))
                        .orElse(null), window)));
        StoreScans.all(stores.recentArrivals, arrival -> Correlation.isStale(arrival, now, window))
                .forEach(arrival -> stores.recentArrivals.delete(arrival.key));
    }

    private void emitGone(List<KeyValue<String, PendingRemoval>> due) {
        List<KeyValue<String, PendingRemoval>> inOrder = new ArrayList<>(due);
        inOrder.sort((a, b) -> a.value.removedAt().compareTo(b.value.removedAt()));
        for (KeyValue<String, PendingRemoval> entry : inOrder) {
            stores.pendingRemovals.delete(entry.key);
            emit(Correlation.gone(entry.value));
        }
    }

    private void emit(Disappearance disappearance) {
        LOG.infof("Disappearance: %s", AlertWording.describe(disappearance, window));
        Record<Object, Object> out = new Record<>(disappearance.account(), disappearance,
                disappearance.removedAt().toEpochMilli());
        context.forward(out, AnalyzerTopology.ATTRIBUTOR);
    }
}
