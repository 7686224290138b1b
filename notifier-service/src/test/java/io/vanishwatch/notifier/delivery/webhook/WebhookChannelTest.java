package io.vanishwatch.notifier.delivery.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.JsonSerde;
import io.vanishwatch.notifier.SampleAlerts;
import io.vanishwatch.notifier.content.AlertText;
import io.vanishwatch.notifier.delivery.DeliveryReport;
import io.vanishwatch.notifier.delivery.DeliveryResult;
import io.vanishwatch.notifier.delivery.RetryPolicy;
import io.vanishwatch.notifier.delivery.RetryingDelivery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook channel against a real HTTP server on loopback that answers what each test scripts. */
class WebhookChannelTest {

    /** One POST as the receiver saw it. */
    record Post(String authorization, String contentType, String body) {
    }

    private final Deque<Integer> answers = new ConcurrentLinkedDeque<>();
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final List<Duration> waits = new ArrayList<>();
    private final Alert alert = SampleAlerts.clientMovesToLocal("office@demo.example", 3);
    private HttpServer server;

    @BeforeEach
    void startReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hooks/vanishwatch", this::receive);
        server.start();
    }

    @AfterEach
    void stopReceiver() {
        server.stop(0);
    }

    @Test
    void postsJsonWithTextAndTheAlertAndTheBearerToken() throws Exception {
        // given
        answers.add(200);
        WebhookChannel channel = channel(Optional.of("s3cret-token"));

        // when
        DeliveryResult result = channel.deliver(alert);

        // then
        assertThat(result.kind()).isEqualTo(DeliveryResult.Kind.SENT);
        assertThat(result.detail()).doesNotContain("s3cret-token");
        assertThat(posts).hasSize(1);
        Post post = posts.get(0);
        assertThat(post.authorization()).isEqualTo("Bearer s3cret-token");
        assertThat(post.contentType()).startsWith("application/json");
        JsonNode json = JsonSerde.MAPPER.readTree(post.body());
        assertThat(json.get("text").asText()).contains("office@demo.example").contains("3 unread messages vanished");
        assertThat(json.at("/alert/account").asText()).isEqualTo("office@demo.example");
        assertThat(json.at("/alert/evidence/0/subject").asText()).isEqualTo("Invoice 4711");
    }

    @Test
    void aReceiverAnswering503TwiceThen200GetsItOnTheThirdAttempt() throws InterruptedException {
        answers.add(503);
        answers.add(503);
        answers.add(200);

        DeliveryReport report = retrying().deliver(channel(Optional.empty()), alert);

        assertThat(report.sent()).isTrue();
        assertThat(report.attempts()).isEqualTo(3);
        assertThat(posts).hasSize(3);
        assertThat(waits).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20));
    }

    @Test
    void aBadRequestIsPermanentAfterOneAttempt() throws InterruptedException {
        answers.add(400);

        DeliveryReport report = retrying().deliver(channel(Optional.empty()), alert);

        assertThat(report.sent()).isFalse();
        assertThat(report.attempts()).isEqualTo(1);
        assertThat(report.detail()).contains("HTTP 400");
        assertThat(posts).hasSize(1);
    }

    @Test
    void tooManyRequestsAndTimeoutsAreRetryableOtherClientErrorsAreNot() {
        assertThat(WebhookChannel.classify(429, "").kind()).isEqualTo(DeliveryResult.Kind.RETRYABLE);
        assertThat(WebhookChannel.classify(408, "").kind()).isEqualTo(DeliveryResult.Kind.RETRYABLE);
        assertThat(WebhookChannel.classify(502, "").kind()).isEqualTo(DeliveryResult.Kind.RETRYABLE);
        assertThat(WebhookChannel.classify(404, "no such hook").kind()).isEqualTo(DeliveryResult.Kind.PERMANENT);
        assertThat(WebhookChannel.classify(401, "").kind()).isEqualTo(DeliveryResult.Kind.PERMANENT);
        assertThat(WebhookChannel.classify(301, "").kind()).isEqualTo(DeliveryResult.Kind.PERMANENT);
    }

    @Test
    void aReceiverThatIsNotListeningIsRetryable() {
        server.stop(0);

        DeliveryResult result = channel(Optional.empty()).deliver(alert);

        assertThat(result.kind()).isEqualTo(DeliveryResult.Kind.RETRYABLE);
    }

    private RetryingDelivery retrying() {
        return new RetryingDelivery(new RetryPolicy(5, Duration.ofMillis(10), Duration.ofSeconds(1)), waits::add);
    }

    private WebhookChannel channel(Optional<String> token) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/vanishwatch");
        return new WebhookChannel(new WebhookSettings(url, token, Duration.ofSeconds(5)),
                new AlertText(ZoneId.of("UTC")));
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            posts.add(new Post(exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            Integer status = answers.poll();
            exchange.sendResponseHeaders(status == null ? 500 : status, -1);
        }
    }
}
