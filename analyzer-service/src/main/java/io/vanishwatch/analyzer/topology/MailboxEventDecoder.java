package io.vanishwatch.analyzer.topology;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.Topics;
import io.vanishwatch.events.Verdict;

/**
 * Reads the raw mailbox-event records, so that one that is not a usable {@link MailboxEvent} is parked on the
 * dead-letter topic with its original bytes instead of stopping the application.
 */
final class MailboxEventDecoder implements Processor<byte[], byte[], Object, Object> {

    private final Deserializer<MailboxEvent> deserializer = Topics.MAILBOX_EVENTS.valueSerde().deserializer();
    private ProcessorContext<Object, Object> context;

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        MailboxEvent event;
        try {
            event = decode(record.value());
        } catch (RuntimeException e) {
            DeadLetters.park(context, AnalyzerTopology.DECODER, AnalyzerTopology.MAILBOX_EVENTS_DEAD_LETTERS,
                    record.key(), record.value(), record.headers(), record.timestamp(), e);
            return;
        }
        context.forward(record.withKey((Object) event.account()).withValue((Object) event), AnalyzerTopology.DEDUPLICATOR);
    }

    private MailboxEvent decode(byte[] value) {
        if (value == null) {
            throw new SerializationException("no value: a mailbox event is never a tombstone");
        }
        MailboxEvent event = deserializer.deserialize(Topics.MAILBOX_EVENTS.name(), value);
        if (event.type() == null || event.account() == null || event.observedAt() == null) {
            throw new SerializationException("a mailbox event needs type, account and observedAt");
        }
        boolean aboutFolder = event.type() != MailboxEvent.Type.WATCH_STATE;
        if (aboutFolder && event.folder() == null) {
            throw new SerializationException("a " + event.type() + " event needs its folder");
        }
        if (event.type() == MailboxEvent.Type.WATCH_STATE && event.watchState() == null) {
            throw new SerializationException("a WATCH_STATE event needs its watchState");
        }
        Verdict verdict = event.verdict();
        if (event.type() == MailboxEvent.Type.REMOVED && verdict != null) {
            if (verdict.location() == null) {
                throw new SerializationException("a REMOVED event's verdict needs its location");
            }
            if (verdict.location() == Verdict.Location.IN_FOLDER && verdict.folder() == null) {
                throw new SerializationException("a REMOVED event's IN_FOLDER verdict needs its folder");
            }
        }
        return event;
    }
}
