package io.vanishwatch.collector.checkpoint;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jboss.logging.Logger;

import io.vanishwatch.events.Topics;

/**
 * The topics the collector keeps for itself (its checkpoints; with {@code assignment=group}, its accounts topic):
 * created when missing, compacted, with as many partitions as the mailbox events, so that an account's records sit
 * on the partition its events do.
 */
public final class CollectorTopics {

    private static final Logger LOG = Logger.getLogger(CollectorTopics.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private CollectorTopics() {
    }

    /**
     * Creates {@code topic} unless it exists; warns when an existing one is not compacted and {@code ifNotCompacted}
     * (what goes wrong then) is given.
     *
     * @param role what the topic is, for log lines and errors: "checkpoint topic", "accounts topic"
     */
    public static void ensureCompacted(String bootstrapServers, String topic, String role, String ifNotCompacted) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (Admin admin = Admin.create(config)) {
            Optional<TopicDescription> existing = describe(admin, topic);
            if (existing.isPresent()) {
                if (ifNotCompacted != null) {
                    checkCompacted(admin, topic, role, ifNotCompacted);
                }
                return;
            }
            Optional<Integer> partitions = describe(admin, Topics.MAILBOX_EVENTS.name()).map(d -> d.partitions().size());
            NewTopic created = new NewTopic(topic, partitions, Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            try {
                admin.createTopics(List.of(created)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                LOG.infof("created the compacted %s %s", role, topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create the " + role + " " + topic + ": "
                            + e.getCause().getMessage(), e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not answer within " + TIMEOUT.toSeconds() + " s", e);
        }
    }

    private static void checkCompacted(Admin admin, String topic, String role, String ifNotCompacted)
            throws InterruptedException, TimeoutException {
        try {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            String policy = admin.describeConfigs(List.of(resource)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .get(resource).get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
            if (!policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                LOG.warnf("%s %s has cleanup.policy=%s: set it to compact, or %s", role, topic, policy,
                        ifNotCompacted);
            }
        } catch (ExecutionException e) {
            LOG.warnf("cannot read the configuration of %s: %s", topic, e.getCause().getMessage());
        }
    }

    private static Optional<TopicDescription> describe(Admin admin, String name)
            throws InterruptedException, TimeoutException {
        try {
            return Optional.of(admin.describeTopics(List.of(name)).allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(name));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw new IllegalStateException("cannot describe topic " + name + ": " + e.getCause().getMessage(),
                    e.getCause());
        }
    }
}
