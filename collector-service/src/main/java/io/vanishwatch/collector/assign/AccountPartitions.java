package io.vanishwatch.collector.assign;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.utils.Utils;

/** Which partition an account belongs to: the one its id hashes to, as Kafka's default partitioner puts its events. */
public final class AccountPartitions {

    private AccountPartitions() {
    }

    public static int of(String account, int partitions) {
        return Utils.toPositive(Utils.murmur2(account.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
