package io.vanishwatch.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.vanishwatch.events.Topic;
import io.vanishwatch.events.Topics;
import io.vanishwatch.local.LoopbackPorts;
import io.vanishwatch.local.mail.DovecotServer;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * The motivating case through the images as Testcontainers runs them: Kafka (KRaft), the topics, the collector, the
 * analyzer and the notifier each in its container, watching a Dovecot and posting to a webhook receiver on the host.
 * Every container is on the host's network (the engine of CI has no iptables, so containers reach no host port
 * otherwise) and each waits for its image's own HEALTHCHECK.
 */
class ServicesInContainersSystemTest {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    @Test
    void shouldAlertTheWebhookWhenAMacsJunkFilterTakesNewUnreadMailOffTheServerWithEveryServiceInAContainer() {
        assumeThat(DovecotServer.isInstalled()).as(DovecotServer.notInstalledMessage()).isTrue();
        ContainerImages.assumeBuiltAndEngineRunning();
        int kafkaPort = LoopbackPorts.free();
        int controllerPort = LoopbackPorts.free();
        String bootstrap = "127.0.0.1:" + kafkaPort;
        List<GenericContainer<?>> started = new ArrayList<>();
        try (HostMailAndWebhook host = HostMailAndWebhook.start()) {
            // given Kafka in its container, and the contract's topics created by the image's topic tool
            GenericContainer<?> kafka = onHostNetwork(ContainerImages.KAFKA)
                    .withEnv(Map.of(
                            "KAFKA_LISTENERS", "PLAINTEXT://127.0.0.1:" + kafkaPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
                            "KAFKA_CONTROLLER_QUORUM_VOTERS", "1@127.0.0.1:" + controllerPort,
                            "KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://" + bootstrap,
                            "KAFKA_HEALTH_PORT", String.valueOf(kafkaPort),
                            "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1",
                            "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1",
                            "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1",
                            "KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0"));
            started.add(kafka);
            kafka.start();
            GenericContainer<?> topics = new GenericContainer<>(DockerImageName.parse(ContainerImages.KAFKA))
                    .withNetworkMode("host")
                    .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("/opt/kafka/kafka-topics"))
                    .withCommand(Stream.concat(Stream.of(bootstrap), topicArguments()).toArray(String[]::new))
                    .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(START_TIMEOUT));
            started.add(topics);
            topics.start();

            // and the three services, configured by one mounted file and a mounted directory of secrets
            List<GenericContainer<?>> services = Stream.of(ContainerImages.COLLECTOR, ContainerImages.ANALYZER,
                    ContainerImages.NOTIFIER).<GenericContainer<?>>map(image -> service(image, host, bootstrap)).toList();
            started.addAll(services);
            Startables.deepStart(services).join();
            assertThat(services).allSatisfy(service -> assertThat(DockerClientFactory.instance().client()
                    .inspectContainerCmd(service.getContainerId()).exec().getState().getHealth().getStatus())
                    .as("%s's HEALTHCHECK", service.getDockerImageName()).isEqualTo("healthy"));

            // when a Mac takes new unread invoices off the server, then the webhook gets the alert
            Duration latency = host.proveTheMotivatingCase(bootstrap);
            System.out.printf("%nmeasured (Testcontainers): last removal on the server -> webhook delivered: %d ms%n%n",
                    latency.toMillis());
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                GenericContainer<?> container = started.get(i);
                if (container.getContainerId() != null) {
                    System.out.println("--- last log lines of " + container.getDockerImageName() + "\n"
                            + tail(container.getLogs(), 15));
                }
                container.stop();
            }
        }
    }

    /** Each topic of events' {@code Topics.ALL}, its dead-letter topic with it, the compacted ones as {@code name:compact}. */
    private static Stream<String> topicArguments() {
        return Topics.ALL.stream().flatMap((Topic<String, ?> topic) -> topic.compacted()
                ? Stream.of(topic.name() + ":compact")
                : Stream.of(topic.name(), topic.deadLetterTopic()));
    }

    private static GenericContainer<?> service(String image, HostMailAndWebhook host, String bootstrap) {
        return onHostNetwork(image)
                .withEnv(Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                        "QUARKUS_HTTP_PORT", String.valueOf(LoopbackPorts.free()),
                        "QUARKUS_CONFIG_LOCATIONS", "/config/vanishwatch.properties,"
                                + HostMailAndWebhook.SECRETS_IN_CONTAINER + "/api-tokens.properties"))
                .withFileSystemBind(host.configFile().toString(), "/config/vanishwatch.properties", BindMode.READ_ONLY)
                .withFileSystemBind(host.secretsDir().toString(), HostMailAndWebhook.SECRETS_IN_CONTAINER, BindMode.READ_ONLY);
    }

    private static GenericContainer<?> onHostNetwork(String image) {
        return new GenericContainer<>(DockerImageName.parse(image))
                .withNetworkMode("host")
                .waitingFor(Wait.forHealthcheck().withStartupTimeout(START_TIMEOUT));
    }

    private static String tail(String log, int lines) {
        List<String> all = log.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
