package io.vanishwatch.events;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Headers;

/**
 * The one header scheme of every dead-letter topic ({@code <topic>.dlq}): where a parked record came from and why it
 * was parked, next to its original key and bytes.
 */
public final class DeadLetterHeaders {

    public static final String ERROR = "vanishwatch.dlq.error";
    public static final String TOPIC = "vanishwatch.dlq.topic";
    public static final String PARTITION = "vanishwatch.dlq.partition";
    public static final String OFFSET = "vanishwatch.dlq.offset";
    public static final String PROCESSOR = "vanishwatch.dlq.processor";

    private DeadLetterHeaders() {
    }

    /** Adds the five headers to {@code headers}; a partition or offset of -1 means "not from a record". */
    public static Headers add(Headers headers, String error, String topic, int partition, long offset,
            String processor) {
        return headers.add(ERROR, bytes(error))
                .add(TOPIC, bytes(topic))
                .add(PARTITION, bytes(Integer.toString(partition)))
                .add(OFFSET, bytes(Long.toString(offset)))
                .add(PROCESSOR, bytes(processor));
    }

    private static byte[] bytes(String text) {
        return (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
    }
}
