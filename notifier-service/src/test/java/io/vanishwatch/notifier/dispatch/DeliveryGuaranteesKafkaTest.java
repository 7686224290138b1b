package io.vanishwatch.notifier.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Notification;
import io.vanishwatch.kafka.embedded.EmbeddedKafka;
import io.vanishwatch.notifier.KafkaClients;
import io.vanishwatch.notifier.SampleAlerts;
import io.vanishwatch.notifier.delivery.Notice;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each notification once, against a real broker and a real webhook receiver: across two instances and the
 * rebalances between them, and across a SIGKILL in the middle of a delivery.
 */
class DeliveryGuaranteesKafkaTest {

    private static final Duration DELIVERED = Duration.ofMinutes(2);
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start().createVanishwatchTopics();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void twoInstancesAndTheirRebalancesDeliverEachNotificationExactlyOnce() throws IOException {
        String run = "two-" + UUID.randomUUID().toString().substring(0, 8);
        String applicationId = "notifier-" + run;
        List<Alert> alerts = new ArrayList<>();
        try (IdempotencyWitness witness = new IdempotencyWitness(Duration.ofMillis(20))) {
            DispatcherInstance first = new DispatcherInstance(kafka.bootstrapServers(), applicationId,
                    Files.createTempDirectory("notifier-a-"), witness.url());
            DispatcherInstance second = null;
            try {
                alerts.addAll(raise(run, 0, 20));
                DispatcherInstance joining = new DispatcherInstance(kafka.bootstrapServers(), applicationId,
                        Files.createTempDirectory("notifier-b-"), witness.url());
                second = joining;
                alerts.addAll(raise(run, 20, 20));
                await().atMost(DELIVERED).until(() -> first.state() == KafkaStreams.State.RUNNING
                        && joining.state() == KafkaStreams.State.RUNNING);
                first.close();
                alerts.addAll(raise(run, 40, 20));

                await().atMost(DELIVERED).until(() -> witness.timesTaken(run).size() == alerts.size());
                assertThat(witness.timesTaken(run)).as("posts per idempotency key").allSatisfy((key, times) ->
                        assertThat(times).as(key).isEqualTo(1L));
                assertThat(witness.timesTaken(run).keySet()).isEqualTo(alerts.stream()
                        .map(alert -> Notice.of(alert).digest()).collect(Collectors.toSet()));
                assertThat(sentRecords(run)).hasSize(alerts.size());
            } finally {
                first.close();
                if (second != null) {
                    second.close();
                }
            }
        }
    }

    @Test
    void aNotifierKilledInTheMiddleOfDeliveringLosesNothingAndRepeatsOnlyUnderTheSameKey() throws Exception {
        String run = "kill-" + UUID.randomUUID().toString().substring(0, 8);
        String applicationId = "notifier-" + run;
        Path stateDir = Files.createTempDirectory("notifier-killed-");
        try (IdempotencyWitness witness = new IdempotencyWitness(Duration.ofMillis(150))) {
            List<Alert> alerts = raise(run, 0, 40);
            Process process = start(applicationId, stateDir, witness.url());
            try {
                await().atMost(DELIVERED).until(() -> witness.taken(run).size() >= 10);
                process.destroyForcibly().waitFor();
                int beforeRestart = witness.taken(run).size();
                assertThat(beforeRestart).as("killed before it was done").isLessThan(alerts.size());

                process = start(applicationId, stateDir, witness.url());
                await().atMost(DELIVERED).until(() -> witness.timesTaken(run).size() == alerts.size());
                await().atMost(DELIVERED).until(() -> sentRecords(run).size() == alerts.size());

                Map<String, Long> times = witness.timesTaken(run);
                long repeats = times.values().stream().mapToLong(n -> n - 1).sum();
                // a tick of each partition's dispatcher sends at most one notification before the commit
                assertThat(repeats).as("repeats: only notifications sent in the moment before their commit")
                        .isLessThanOrEqualTo(EmbeddedKafka.PARTITIONS);
                assertThat(times.keySet()).isEqualTo(alerts.stream().map(alert -> Notice.of(alert).digest())
                        .collect(Collectors.toSet()));
                assertThat(sentRecords(run)).as("the committed log has one SENT per notification")
                        .extracting(Notification::notificationKey).doesNotHaveDuplicates();
            } finally {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static List<Alert> raise(String run, int from, int count) {
        List<Alert> raised = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            Alert alert = SampleAlerts.clientMovesToLocal(run + "-" + i + "@demo.example", 3);
            KafkaClients.produceAlert(kafka.bootstrapServers(), alert);
            raised.add(alert);
        }
        return raised;
    }

    private static List<Notification> sentRecords(String run) {
        return KafkaClients.notifications(kafka.bootstrapServers(), n -> n.account().startsWith(run)
                && n.outcome() == Notification.Outcome.SENT);
    }

    private static Process start(String applicationId, Path stateDir, String url) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                DispatcherInstance.class.getName(), kafka.bootstrapServers(), applicationId, stateDir.toString(), url)
                .redirectErrorStream(true)
                .redirectOutput(new File(stateDir.toFile(), "process.log"))
                .start();
    }
}
