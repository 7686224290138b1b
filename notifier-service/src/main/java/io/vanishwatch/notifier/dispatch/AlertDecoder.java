package io.vanishwatch.notifier.dispatch;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.DeadLetterHeaders;
import io.vanishwatch.events.Topics;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Reads the alerts' raw records: a usable alert goes on; one that cannot be read, or lacks what routing needs,
 * goes on as its original bytes with headers saying where it came from and why, for the dead-letter topic.
 */
final class AlertDecoder implements Processor<String, byte[], String, Object> {

    private static final Logger LOG = Logger.getLogger(AlertDecoder.class);

    private ProcessorContext<String, Object> context;

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        try {
            Alert alert = Topics.ALERTS.valueSerde().deserializer().deserialize(Topics.ALERTS.name(), record.value());
            if (alert == null) {
                return;
            }
            if (alert.alertKey() == null || alert.status() == null || alert.firstSeen() == null
                    || alert.account() == null) {
                throw new SerializationException("alert without alertKey, status, firstSeen or account");
            }
            context.forward(record.withValue((Object) alert));
        } catch (SerializationException e) {
            RecordMetadata source = context.recordMetadata().orElse(null);
            String where = source == null ? "?" : source.topic() + "-" + source.partition() + "@" + source.offset();
            LOG.errorf("unreadable alert at %s (%s): parked on %s", where, e.getMessage(),
                    Topics.ALERTS.deadLetterTopic());
            DeadLetterHeaders.add(record.headers(), e.getMessage(), source == null ? "" : source.topic(),
                    source == null ? -1 : source.partition(), source == null ? -1 : source.offset(),
                    NotifierTopology.DECODER);
            context.forward(record.withValue((Object) new Unreadable(record.value())));
        }
    }

    /** The original bytes of a record that is not a usable alert. */
    record Unreadable(byte[] value) {
    }

}
