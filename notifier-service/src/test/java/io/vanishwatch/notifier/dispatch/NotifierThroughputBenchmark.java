package io.vanishwatch.notifier.dispatch;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import io.vanishwatch.kafka.embedded.EmbeddedKafka;
import io.vanishwatch.notifier.KafkaClients;
import io.vanishwatch.notifier.SampleAlerts;
import io.vanishwatch.notifier.delivery.Notice;
import io.vanishwatch.events.Alert;
import org.junit.jupiter.api.Test;

/**
 * Prints how fast the notifier's topology turns a backlog of alerts into webhook calls (exactly-once, one webhook
 * receiver on loopback answering at once), and how long one alert takes from the topic to the receiver when the
 * notifier is idle. A benchmark: it prints figures and fails on nothing but a broken run.
 */
class NotifierThroughputBenchmark {

    private static final int BACKLOG = Integer.getInteger("benchmark.alerts", 2000);
    private static final int SINGLES = Integer.getInteger("benchmark.singles", 50);

    @Test
    void backlogAndSingleAlertLatency() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start().createVanishwatchTopics();
             IdempotencyWitness witness = new IdempotencyWitness(Duration.ZERO)) {
            String run = "bench-" + UUID.randomUUID().toString().substring(0, 8);
            for (int i = 0; i < BACKLOG; i++) {
                KafkaClients.produceAlert(kafka.bootstrapServers(),
                        SampleAlerts.clientMovesToLocal(run + "-" + i + "@demo.example", 3));
            }
            long started = System.nanoTime();
            try (DispatcherInstance notifier = new DispatcherInstance(kafka.bootstrapServers(), "notifier-" + run,
                    Files.createTempDirectory("notifier-bench-"), witness.url())) {
                await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50))
                        .until(() -> witness.taken(run).size() >= BACKLOG);
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("benchmark notifier backlog: %d alerts delivered in %.1f s (from start, incl."
                        + " joining the group) = %.0f alerts/s%n", BACKLOG, seconds, BACKLOG / seconds);

                List<Long> latencies = new ArrayList<>();
                for (int i = 0; i < SINGLES; i++) {
                    Alert alert = SampleAlerts.clientMovesToLocal(run + "-single-" + i + "@demo.example", 3);
                    String digest = Notice.of(alert).digest();
                    long sent = System.nanoTime();
                    KafkaClients.produceAlert(kafka.bootstrapServers(), alert);
                    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(5))
                            .until(() -> witness.timesTaken(run).containsKey(digest));
                    latencies.add((System.nanoTime() - sent) / 1_000_000);
                }
                Collections.sort(latencies);
                System.out.printf("benchmark notifier single alert → webhook: p50 %d ms, p90 %d ms, max %d ms"
                        + " (%d alerts, one at a time)%n", latencies.get(latencies.size() / 2),
                        latencies.get(latencies.size() * 9 / 10), latencies.get(latencies.size() - 1), SINGLES);
            }
        }
    }
}
