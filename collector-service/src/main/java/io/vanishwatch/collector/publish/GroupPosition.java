package io.vanishwatch.collector.publish;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Where this collector stands in its consumer group: committed with every transaction, so that the broker refuses
 * the transaction of a member whose accounts have meanwhile gone to another (KIP-447), instead of letting two
 * collectors publish for one account.
 *
 * @param offsets the positions in the accounts topic's partitions this member holds
 */
public record GroupPosition(ConsumerGroupMetadata metadata, Map<TopicPartition, OffsetAndMetadata> offsets) {

    public GroupPosition {
        offsets = Map.copyOf(offsets);
    }
}
