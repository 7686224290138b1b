package io.vanishwatch.analyzer.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.jboss.logging.Logger;

import io.vanishwatch.analyzer.rules.FolderPruning;
import io.vanishwatch.analyzer.views.Timeline;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.Topics;

/**
 * Drops a mailbox event whose id was already seen, so that an event the collector publishes twice is explained once.
 * Ids are kept in a window store for the retention, in event time, and a folder's ids are forgotten when a new
 * generation of it starts (UIDVALIDITY_CHANGED, FOLDER_ADDED), which may reuse UIDs and so event ids; not on
 * FOLDER_REMOVED, after which the collector may publish the folder's removals again.
 */
final class MailboxEventDeduplicator implements Processor<String, MailboxEvent, Object, Object> {

    private static final Logger LOG = Logger.getLogger(MailboxEventDeduplicator.class);

    private final long retentionMs;
    private ProcessorContext<Object, Object> context;
    private WindowStore<String, Long> seen;

    MailboxEventDeduplicator(Duration retention) {
        this.retentionMs = retention.toMillis();
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.seen = context.getStateStore(AnalyzerTopology.SEEN_EVENT_IDS);
    }

    @Override
    public void process(Record<String, MailboxEvent> record) {
        MailboxEvent event = record.value();
        if (event.eventId() == null || event.eventId().isBlank()) {
            context.forward(record, AnalyzerTopology.CORRELATOR);
            return;
        }
        boolean firstTime;
        try {
            firstTime = remember(event);
        } catch (RuntimeException e) {
            byte[] value = Topics.MAILBOX_EVENTS.valueSerde().serializer().serialize(Topics.MAILBOX_EVENTS.name(), event);
            DeadLetters.park(context, AnalyzerTopology.DEDUPLICATOR, AnalyzerTopology.MAILBOX_EVENTS_DEAD_LETTERS,
                    DeadLetters.bytes(record.key()), value, record.headers(), record.timestamp(), e);
            return;
        }
        // outside the catch: a child's failure is the child's to handle, and Kafka's own exceptions must reach Streams
        if (firstTime) {
            context.forward(record, AnalyzerTopology.CORRELATOR);
            context.forward(record, Timeline.RECORDER);
        }
    }

    /** Whether the event is new; if so it is remembered (and a new folder generation forgets the old one's ids). */
    private boolean remember(MailboxEvent event) {
        long eventTime = event.observedAt().toEpochMilli();
        String key = StoreKeys.seenEvent(event.account(), event.folder(), event.eventId());
        if (seenBefore(key, eventTime)) {
            LOG.debugf("Event %s (%s of %s) was seen before: dropped", event.eventId(), event.type(), event.account());
            return false;
        }
        if (FolderPruning.startsNewGeneration(event)) {
            forgetFolder(event.account(), event.folder(), eventTime);
        }
        seen.put(key, eventTime, eventTime);
        return true;
    }

    private boolean seenBefore(String key, long eventTime) {
        try (WindowStoreIterator<Long> it = seen.fetch(key, from(eventTime), eventTime + retentionMs)) {
            return it.hasNext();
        }
    }

    private void forgetFolder(String account, String folder, long eventTime) {
        String prefix = StoreKeys.folder(account, folder);
        List<KeyValue<Windowed<String>, Long>> ids = new ArrayList<>();
        try (KeyValueIterator<Windowed<String>, Long> it =
                     seen.fetch(prefix, StoreKeys.endOf(prefix), from(eventTime), eventTime + retentionMs)) {
            it.forEachRemaining(ids::add);
        }
        ids.forEach(id -> seen.put(id.key.key(), null, id.key.window().start()));
        LOG.debugf("Forgot %d event ids of %s in %s", ids.size(), folder, account);
    }

    private long from(long eventTime) {
        return Math.max(0, eventTime - retentionMs);
    }
}
