package io.vanishwatch.analyzer.topology;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import io.vanishwatch.events.Topic;

/**
 * Reads one input topic's raw records, so that one that is not a usable value is parked on that topic's dead-letter
 * topic with its original bytes instead of stopping the application; a usable one goes on keyed by its account.
 */
abstract class RecordDecoder<V> implements Processor<byte[], byte[], Object, Object> {

    private final Topic<String, V> topic;
    private final String name;
    private final String deadLetters;
    private final String next;
    private ProcessorContext<Object, Object> context;

    /**
     * @param name        this processor's name, for the parked record's headers
     * @param deadLetters the dead-letter sink of the topic
     * @param next        the processor a usable value goes to
     */
    RecordDecoder(Topic<String, V> topic, String name, String deadLetters, String next) {
        this.topic = topic;
        this.name = name;
        this.deadLetters = deadLetters;
        this.next = next;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        V value;
        try {
            if (record.value() == null) {
                throw new SerializationException("no value: a record of " + topic.name() + " is never a tombstone");
            }
            value = check(topic.valueSerde().deserializer().deserialize(topic.name(), record.value()));
        } catch (RuntimeException e) {
            DeadLetters.park(context, name, deadLetters, record.key(), record.value(), record.headers(),
                    record.timestamp(), e);
            return;
        }
        context.forward(record.withKey((Object) account(value)).withValue((Object) value), next);
    }

    /** The value if it is usable. @throws SerializationException saying what it lacks */
    abstract V check(V value);

    abstract String account(V value);
}
