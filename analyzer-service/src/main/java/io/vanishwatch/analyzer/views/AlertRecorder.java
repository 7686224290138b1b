package io.vanishwatch.analyzer.views;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.jboss.logging.Logger;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Topics;

/**
 * Keeps each account's open alerts (the latest record of each episode until it is RESOLVED) and its alert history.
 * An alert it cannot read is logged with where it came from and skipped: the notifier parks it on the dead-letter
 * topic, this view only misses it.
 */
final class AlertRecorder implements Processor<byte[], byte[], Void, Void> {

    private static final Logger LOG = Logger.getLogger(AlertRecorder.class);

    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, Alert> open;
    private WindowStore<String, Alert> history;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        open = context.getStateStore(AlertViews.OPEN_ALERTS);
        history = context.getStateStore(AlertViews.ALERT_HISTORY);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Alert alert = decode(record);
        if (alert == null) {
            return;
        }
        if (alert.status() == Alert.Status.RESOLVED) {
            open.delete(alert.alertKey());
        } else {
            open.put(alert.alertKey(), alert);
        }
        history.put(alert.account(), AlertViews.withoutEvidence(alert), record.timestamp());
    }

    private Alert decode(Record<byte[], byte[]> record) {
        String problem;
        try {
            Alert alert = Topics.ALERTS.valueSerde().deserializer().deserialize(Topics.ALERTS.name(), record.value());
            if (alert != null && alert.account() != null && alert.alertKey() != null && alert.status() != null) {
                return alert;
            }
            problem = "no account, alert key or status";
        } catch (SerializationException e) {
            problem = e.getMessage();
        }
        RecordMetadata source = context.recordMetadata().orElse(null);
        LOG.errorf("Unreadable alert from %s partition %d offset %d in processor %s, left out of the alert views: %s",
                source == null ? "?" : source.topic(), source == null ? -1 : source.partition(),
                source == null ? -1L : source.offset(), AlertViews.RECORDER, problem);
        return null;
    }
}
