package io.vanishwatch.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.vanishwatch.local.LoopbackPorts;
import io.vanishwatch.local.mail.DovecotServer;
import org.junit.jupiter.api.Test;

/**
 * The repository's {@code docker-compose.yml} as an operator starts it, with {@code containers/compose-host-network.yml}
 * over it so that the containers reach this test's Dovecot and webhook receiver on the host's loopback: up, every
 * service healthy by its image's HEALTHCHECK, the motivating case end to end, down.
 */
class ComposeInContainersSystemTest {

    private static final String PROJECT = "vanishwatch-compose-test";
    private static final List<String> SERVICES = List.of("collector", "analyzer", "notifier");

    @Test
    void shouldStartTheComposeFileAndAlertTheWebhookWhenAMacsJunkFilterTakesNewUnreadMailOffTheServer() {
        assumeThat(DovecotServer.isInstalled()).as(DovecotServer.notInstalledMessage()).isTrue();
        ContainerImages.assumeBuiltAndEngineRunning();
        assumeThat(Files.isExecutable(Path.of("/usr/bin/docker-compose")))
                .as("docker-compose is not installed (apt-get install docker-compose)").isTrue();
        int kafkaPort = LoopbackPorts.free();
        try (HostMailAndWebhook host = HostMailAndWebhook.start()) {
            Map<String, String> env = new HashMap<>(Map.of(
                    "VANISHWATCH_CONFIG", host.configFile().toString(),
                    "VANISHWATCH_SECRETS", host.secretsDir().toString(),
                    "VANISHWATCH_KAFKA_HOST", "127.0.0.1",
                    "VANISHWATCH_KAFKA_BIND", "127.0.0.1",
                    "VANISHWATCH_KAFKA_PORT", String.valueOf(kafkaPort),
                    "VANISHWATCH_KAFKA_CONTROLLER_PORT", String.valueOf(LoopbackPorts.free())));
            SERVICES.forEach(service -> env.put("VANISHWATCH_" + service.toUpperCase() + "_PORT",
                    String.valueOf(LoopbackPorts.free())));
            try {
                // given the compose file started: Kafka healthy, the topics created, then the three services
                Instant up = Instant.now();
                compose(env, Duration.ofMinutes(3), "up", "-d");
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> SERVICES.stream().allMatch(service -> "healthy".equals(health(env, service))));
                System.out.printf("%nmeasured (docker-compose): up -> all three services healthy: %d ms%n",
                        Duration.between(up, Instant.now()).toMillis());
                assertThat(compose(env, Duration.ofSeconds(30), "ps", "kafka-topics")).contains("Exit 0");

                // when a Mac takes new unread invoices off the server, then the webhook gets the alert
                Duration latency = host.proveTheMotivatingCase("127.0.0.1:" + kafkaPort);
                System.out.printf("measured (docker-compose): last removal on the server -> webhook delivered: %d ms%n%n",
                        latency.toMillis());
            } catch (RuntimeException | AssertionError e) {
                System.out.println(compose(env, Duration.ofSeconds(30), "logs", "--no-color", "--tail=30"));
                throw e;
            } finally {
                compose(env, Duration.ofMinutes(2), "down", "--volumes");
            }
        }
    }

    /** The engine's HEALTHCHECK status of a service's container ("starting", "healthy", "unhealthy"). */
    private static String health(Map<String, String> env, String service) {
        String id = compose(env, Duration.ofSeconds(30), "ps", "-q", service).strip();
        return id.isEmpty() ? "" : run(env, Duration.ofSeconds(30), "docker", "inspect", "--format",
                "{{.State.Health.Status}}", id).strip();
    }

    private static String compose(Map<String, String> env, Duration timeout, String... arguments) {
        Path home = VanishwatchOnDovecot.home();
        List<String> command = new ArrayList<>(List.of("docker-compose", "--project-name", PROJECT,
                "--file", home.resolve("docker-compose.yml").toString(),
                "--file", home.resolve("containers/compose-host-network.yml").toString()));
        command.addAll(List.of(arguments));
        return run(env, timeout, command.toArray(String[]::new));
    }

    private static String run(Map<String, String> env, Duration timeout, String... command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(env);
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took longer than " + timeout);
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue()
                        + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
