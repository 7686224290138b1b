package io.vanishwatch.collector.assign;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

import io.vanishwatch.collector.config.GroupSettings;
import io.vanishwatch.collector.publish.GroupPosition;

/**
 * This collector's share of the accounts, given by Kafka's own group membership: a consumer in the collectors' group
 * subscribed to the accounts topic. The partitions it is assigned are the accounts it watches (an account belongs to
 * the partition its id hashes to). When a member joins or leaves, the cooperative sticky assignor moves only the
 * partitions that must move; a member that dies loses its partitions to the others after the session timeout.
 *
 * <p>The listener is called on this class's own thread, inside the consumer's poll, and the group waits for it:
 * {@link Shares#released} returns only once the watches of those accounts stopped and what they published is
 * committed, so that the member taking an account over reads a checkpoint that nobody writes any more.
 */
public final class AccountAssignment implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AccountAssignment.class);
    private static final Duration POLL = Duration.ofMillis(500);

    /** What the collector does with its share. */
    public interface Shares {
        /** These partitions are now this member's: watch their accounts. */
        void taken(Set<Integer> partitions);

        /** These partitions go to another member: stop their watches and commit what they published first. */
        void released(Set<Integer> partitions);

        /** These partitions were already given to another member (this one was silent too long): stop at once. */
        void lost(Set<Integer> partitions);
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final GroupSettings group;
    private final Shares shares;
    private final Thread thread;
    private volatile Optional<GroupPosition> position = Optional.empty();
    private volatile boolean closing;

    public AccountAssignment(String bootstrapServers, GroupSettings group, Shares shares) {
        this.group = group;
        this.shares = shares;
        this.consumer = new KafkaConsumer<>(consumerConfig(bootstrapServers, group), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "collector-assignment");
        this.thread.setDaemon(true);
    }

    static Properties consumerConfig(String bootstrapServers, GroupSettings group) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group.id());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "vanishwatch-collector-" + group.instanceId());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(group.sessionTimeout().toMillis()));
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Long.toString(group.sessionTimeout().toMillis() / 4));
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        return config;
    }

    /** How many partitions the accounts topic has: an account belongs to {@code hash(id) % partitions()}. */
    public int partitions() {
        if (thread.isAlive()) {
            throw new IllegalStateException("ask before start(): the consumer then belongs to the group's thread");
        }
        return consumer.partitionsFor(group.accountsTopic()).size();
    }

    /** Joins the group; the shares come through the listener once the group has settled. */
    public void start() {
        thread.start();
    }

    /** The member's standing as of its last poll, for the transactions; empty before it first got a share. */
    public Optional<GroupPosition> position() {
        return position;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(group.accountsTopic()), new Listener());
            LOG.infof("joining the collectors' group %s as %s (accounts topic %s, session timeout %s)", group.id(),
                    group.instanceId(), group.accountsTopic(), group.sessionTimeout());
            while (!closing) {
                consumer.poll(POLL);
                remember();
            }
        } catch (WakeupException e) {
            if (!closing) {
                LOG.error("the collectors' group membership was woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            LOG.error("the collectors' group membership failed; this collector watches nothing more until restarted",
                    e);
            shares.lost(numbers(consumer.assignment()));
        } finally {
            try {
                consumer.close(Duration.ofSeconds(30));
            } catch (RuntimeException e) {
                LOG.warnf("leaving the collectors' group: %s", e.getMessage());
            }
        }
    }

    /** Snapshots what the publisher's thread needs, since the consumer may only be used from this one. */
    private void remember() {
        Set<TopicPartition> assignment = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : assignment) {
            offsets.put(partition, new OffsetAndMetadata(consumer.position(partition)));
        }
        position = assignment.isEmpty() ? Optional.empty()
                : Optional.of(new GroupPosition(consumer.groupMetadata(), offsets));
    }

    private static Set<Integer> numbers(Collection<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::partition).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Leaves the group, handing this member's accounts over (their watches stop first), and waits for it. */
    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(60).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Listener implements ConsumerRebalanceListener {

        /** Whether the group has answered once: the first answer counts even when it gives this member nothing. */
        private boolean answered;

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty() && answered) {
                return;
            }
            answered = true;
            Set<Integer> taken = numbers(partitions);
            LOG.infof("collectors' group %s: took partitions %s, holding %s", group.id(), taken,
                    numbers(consumer.assignment()));
            remember();
            shares.taken(taken);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            Set<Integer> released = numbers(partitions);
            LOG.infof("collectors' group %s: handing over partitions %s", group.id(), released);
            shares.released(released);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            Set<Integer> lost = numbers(partitions);
            LOG.warnf("collectors' group %s: partitions %s were given to another member (this one was silent for"
                    + " longer than the session timeout); stopping their watches", group.id(), lost);
            shares.lost(lost);
        }
    }
}
