package io.vanishwatch.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.JsonSerde;
import io.vanishwatch.events.Notification;
import io.vanishwatch.events.Topics;
import io.vanishwatch.local.kafka.KafkaTestResource;
import io.vanishwatch.local.mail.MailboxReader;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The notifier as deployed, against a real broker, a real SMTP server and a real webhook receiver. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(ChannelsTestResource.class)
class NotifierTest {

    static final String API_TOKEN = "notifier-test-api-token";
    private static final Duration DELIVERY = Duration.ofSeconds(60);

    @TestHTTPResource("/api/silences")
    URL silences;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @TestHTTPResource("/q/health/ready")
    URL readiness;

    @TestHTTPResource("/q/metrics")
    URL metrics;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void eachNotificationIsDeliveredOnceByEmailAndWebhookAndRecorded() {
        // given a firing alert for a fresh account
        String account = "office-" + UUID.randomUUID() + "@demo.example";
        Alert firing = SampleAlerts.clientMovesToLocal(account, 3);

        // when it is raised
        KafkaClients.produceAlert(bootstrap, firing);

        // then one e-mail, one webhook POST and two SENT entries in the notification log
        await().atMost(DELIVERY).until(() -> recorded(firing).size() == 2);
        assertThat(recorded(firing)).extracting(Notification::channel).containsExactlyInAnyOrder("email", "webhook");
        assertThat(recorded(firing)).allSatisfy(n -> {
            assertThat(n.outcome()).isEqualTo(Notification.Outcome.SENT);
            assertThat(n.attempts()).isEqualTo(1);
            assertThat(n.account()).isEqualTo(account);
            assertThat(n.detail()).doesNotContain("test-token");
        });
        assertThat(emails(account, "FIRING")).hasSize(1);
        assertThat(webhookPosts(account, "FIRING")).hasSize(1);

        // when the analyzer re-emits the same episode with a higher count, then resolves it
        KafkaClients.produceAlert(bootstrap, SampleAlerts.clientMovesToLocal(account, 5));
        Alert resolved = SampleAlerts.resolved(firing);
        KafkaClients.produceAlert(bootstrap, resolved);

        // then the resolution is delivered (so the re-emit, before it on the same partition, was handled) ...
        await().atMost(DELIVERY).until(() -> recorded(resolved).size() == 2);
        assertThat(emails(account, "RESOLVED")).hasSize(1);
        assertThat(webhookPosts(account, "RESOLVED")).hasSize(1);
        // ... and the re-emitted FIRING alert was not sent again
        assertThat(emails(account, "FIRING")).hasSize(1);
        assertThat(webhookPosts(account, "FIRING")).hasSize(1);
        assertThat(recorded(firing)).hasSize(2);
    }

    @Test
    void theWebhookCarriesTheTextTheAlertAndTheBearerToken() throws Exception {
        String account = "shop-" + UUID.randomUUID() + "@demo.example";
        KafkaClients.produceAlert(bootstrap, SampleAlerts.clientMovesToLocal(account, 2));

        await().atMost(DELIVERY).until(() -> webhookPosts(account, "FIRING").size() == 1);

        WebhookWitness.Post post = webhookPosts(account, "FIRING").get(0);
        assertThat(post.authorization()).isEqualTo("Bearer test-token");
        JsonNode json = JsonSerde.MAPPER.readTree(post.body());
        assertThat(json.get("text").asText()).contains(account).contains("2 unread messages vanished");
        assertThat(json.at("/alert/account").asText()).isEqualTo(account);
        await().atMost(DELIVERY).until(() -> emails(account, "FIRING").size() == 1);
        assertThat(MailboxReader.text(emails(account, "FIRING").get(0)))
                .contains("\"Invoice 4712\" from billing@supplier.example");
    }

    @Test
    void anUnreadableAlertIsParkedOnTheDeadLetterTopicAndTheNextOneIsStillDelivered() {
        // given garbage and then a good alert under the same key, so on the same partition, in that order
        String account = "poison-" + UUID.randomUUID() + "@demo.example";
        KafkaClients.produceRaw(bootstrap, Topics.ALERTS.name(), account,
                "{not json".getBytes(StandardCharsets.UTF_8));
        Alert good = SampleAlerts.clientMovesToLocal(account, 1);
        KafkaClients.produceAlert(bootstrap, good);

        // then
        await().atMost(DELIVERY).until(() -> recorded(good).size() == 2);
        List<ConsumerRecord<byte[], byte[]>> parked = KafkaClients.readAll(bootstrap, Topics.ALERTS.deadLetterTopic())
                .stream().filter(r -> account.equals(new String(r.key(), StandardCharsets.UTF_8))).toList();
        assertThat(parked).singleElement().satisfies(record -> {
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
            assertThat(record.headers().lastHeader("vanishwatch.dlq.offset")).isNotNull();
        });
    }

    @Test
    void readinessReflectsTheRunningConsumerAndMetricsCountPerChannel() throws Exception {
        await().atMost(DELIVERY).untilAsserted(() -> {
            HttpResponse<String> ready = get(readiness);
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("Kafka Streams").contains("RUNNING").doesNotContain("test-token");
        });
        String account = "metrics-" + UUID.randomUUID() + "@demo.example";
        Alert alert = SampleAlerts.clientMovesToLocal(account, 1);
        KafkaClients.produceAlert(bootstrap, alert);
        await().atMost(DELIVERY).until(() -> recorded(alert).size() == 2);

        assertThat(get(metrics).body())
                .containsPattern("vanishwatch_notifier_notifications_sent_total\\{[^}]*channel=\"email\"[^}]*} [1-9]")
                .containsPattern("vanishwatch_notifier_notifications_sent_total\\{[^}]*channel=\"webhook\"[^}]*} [1-9]")
                .contains("vanishwatch_notifier_notifications_failed_total");
    }

    @Test
    void aSilenceSetOverRestMutesExactlyItsMatches() throws Exception {
        String account = "silenced-" + UUID.randomUUID() + "@demo.example";
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(silences.toString()))
                .header("Authorization", "Bearer " + API_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"matchers": [{"label": "account", "value": "%s", "operator": "EQUAL"},
                                      {"label": "pattern", "value": "CLIENT_MOVES_TO_LOCAL", "operator": "EQUAL"}],
                         "endsAt": "%s", "createdBy": "support-desk", "comment": "the office moves today"}
                        """.formatted(account, Instant.now().plus(Duration.ofHours(1))))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        // given the silenced alert and, after it on the same partition, one of the account the silence does not match
        Alert muted = SampleAlerts.clientMovesToLocal(account, 3);
        Alert told = SampleAlerts.as(SampleAlerts.clientMovesToLocal(account, 3), Alert.Pattern.MOVED_TO_JUNK,
                Alert.Severity.WARNING);
        KafkaClients.produceAlert(bootstrap, muted);
        KafkaClients.produceAlert(bootstrap, told);

        // then the second is delivered, and by then the first would have been (it is routed first, queued first)
        await().atMost(DELIVERY).until(() -> recorded(told).size() == 2);
        assertThat(recorded(muted)).isEmpty();
        assertThat(webhookPosts(account, "FIRING")).extracting(post -> JsonSerde.MAPPER.readTree(post.body())
                .at("/alert/pattern").asText()).containsExactly("MOVED_TO_JUNK");
    }

    private List<Notification> recorded(Alert alert) {
        return KafkaClients.notifications(bootstrap, n -> n.notificationKey().equals(alert.notificationKey()));
    }

    private static List<MimeMessage> emails(String account, String status) {
        return Arrays.stream(ChannelsTestResource.smtp.getReceivedMessages())
                .filter(m -> subject(m).startsWith("[Vanishwatch] " + status + " ") && subject(m).contains(account))
                .toList();
    }

    private static List<WebhookWitness.Post> webhookPosts(String account, String status) {
        return ChannelsTestResource.webhook.posts().stream().filter(d -> {
            try {
                JsonNode alert = JsonSerde.MAPPER.readTree(d.body()).get("alert");
                return account.equals(alert.get("account").asText()) && status.equals(alert.get("status").asText());
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    private static String subject(MimeMessage message) {
        try {
            return String.valueOf(message.getSubject());
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(URL url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }
}
