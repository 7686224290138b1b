package io.vanishwatch.events;

import org.apache.kafka.common.serialization.Serde;

/**
 * A topic's name paired with the serdes of its keys and values, so producer and consumer cannot disagree.
 *
 * @param compacted whether the topic keeps the latest record per key ({@code cleanup.policy=compact}) instead of
 *                  deleting by age: a table rather than a log
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean compacted) {

    /** A topic whose records are deleted by age (the broker's default policy). */
    public Topic(String name, Serde<K> keySerde, Serde<V> valueSerde) {
        this(name, keySerde, valueSerde, false);
    }

    /** Where records of this topic that cannot be processed are parked. */
    public String deadLetterTopic() {
        return name + ".dlq";
    }
}
