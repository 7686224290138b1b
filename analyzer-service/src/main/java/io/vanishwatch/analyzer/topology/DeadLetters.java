package io.vanishwatch.analyzer.topology;

import java.nio.charset.StandardCharsets;

import io.vanishwatch.events.DeadLetterHeaders;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Parks a record that cannot be processed on a dead-letter topic, inside the same transaction as everything else,
 * after logging where it came from; processing then goes on with the next record.
 */
final class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private DeadLetters() {
    }

    static void park(ProcessorContext<Object, Object> context, String processor, String deadLetterSink,
                     byte[] key, byte[] value, Headers headers, long timestamp, Exception error) {
        RecordMetadata source = context.recordMetadata().orElse(null);
        String topic = source == null ? "(punctuation)" : source.topic();
        int partition = source == null ? -1 : source.partition();
        long offset = source == null ? -1 : source.offset();
        LOG.errorf("Poison record from %s partition %d offset %d in processor %s, parked on %s: %s",
                topic, partition, offset, processor, deadLetterSink, error);
        LOG.debug("Poison record stack trace", error);
        Headers parked = new RecordHeaders(headers == null ? new org.apache.kafka.common.header.Header[0] : headers.toArray());
        DeadLetterHeaders.add(parked, String.valueOf(error), topic, partition, offset, processor);
        context.forward(new Record<>(key, value, timestamp, parked), deadLetterSink);
    }

    static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }
}
