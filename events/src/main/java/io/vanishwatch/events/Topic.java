package io.vanishwatch.events;

import org.apache.kafka.common.serialization.Serde;

/** A topic's name paired with the serdes of its keys and values, so producer and consumer cannot disagree. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

    /** Where records of this topic that cannot be processed are parked. */
    public String deadLetterTopic() {
        return name + ".dlq";
    }
}
