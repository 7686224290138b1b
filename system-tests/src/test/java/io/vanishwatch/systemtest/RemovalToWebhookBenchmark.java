package io.vanishwatch.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.JsonSerde;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.Topics;
import io.vanishwatch.local.webhook.WebhookReceiver;
import org.junit.jupiter.api.Test;

/**
 * How long support staff wait: from the removal on Dovecot that makes the motivating pattern (the third unread
 * message taken off the server) to the alert arriving at the chat webhook, with every setting at its default.
 * Prints figures; it is not a test that fails on a slow machine, and the default build does not run it:
 * {@code mvn -B -pl system-tests -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=RemovalToWebhookBenchmark}
 */
class RemovalToWebhookBenchmark {

    private static final int ACCOUNTS = Integer.getInteger("benchmark.accounts", 30);
    private static final int PER_ACCOUNT = 3;

    @Test
    void removalOnDovecotToWebhookWithDefaultSettings() {
        String[] accounts = IntStream.rangeClosed(1, ACCOUNTS).mapToObj(i -> "bench" + i).toArray(String[]::new);
        List<Long> latencies = new ArrayList<>();
        try (VanishwatchOnDovecot system = VanishwatchOnDovecot.start(Map.of(), accounts)) {
            for (String account : accounts) {
                try (TopicReader<MailboxEvent> events = new TopicReader<>(system.kafka.bootstrapServers(),
                        Topics.MAILBOX_EVENTS, account)) {
                    await().atMost(Duration.ofMinutes(2)).until(() -> events.poll().stream()
                            .anyMatch(e -> e.type() == MailboxEvent.Type.FOLDER_RESYNCED
                                    && e.folderRole() == FolderRole.INBOX));
                    MailUser mac = new MailUser(system.dovecot, account);
                    List<String> invoices = mac.deliver("Invoice", PER_ACCOUNT);
                    await().atMost(Duration.ofMinutes(1)).until(() -> events.poll().stream()
                            .filter(e -> e.type() == MailboxEvent.Type.ARRIVED).map(MailboxEvent::messageId)
                            .collect(Collectors.toSet()).containsAll(invoices));

                    mac.expunge("INBOX", invoices);
                    Instant removed = Instant.now();

                    WebhookReceiver.Delivery post = await().atMost(Duration.ofMinutes(1))
                            .pollInterval(Duration.ofMillis(20))
                            .until(() -> webhookFor(system, account), Optional::isPresent).orElseThrow();
                    latencies.add(Duration.between(removed, post.receivedAt()).toMillis());
                }
            }
        }
        assertThat(latencies).hasSize(ACCOUNTS);
        List<Long> sorted = latencies.stream().sorted().toList();
        System.out.printf("%nbenchmark removal on Dovecot -> webhook received, default settings: %d alerts after %d"
                        + " removals; p50 %d ms, p90 %d ms, p99 %d ms, max %d ms, min %d ms%n%n",
                sorted.size(), sorted.size() * PER_ACCOUNT, percentile(sorted, 50), percentile(sorted, 90),
                percentile(sorted, 99), sorted.get(sorted.size() - 1), sorted.get(0));
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static Optional<WebhookReceiver.Delivery> webhookFor(VanishwatchOnDovecot system, String account) {
        return system.webhook.deliveries().stream().filter(post -> {
            try {
                Alert alert = JsonSerde.MAPPER.treeToValue(JsonSerde.MAPPER.readTree(post.body()).path("alert"),
                        Alert.class);
                return alert.account().equals(account) && alert.pattern() == Alert.Pattern.CLIENT_MOVES_TO_LOCAL;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).findFirst();
    }
}
