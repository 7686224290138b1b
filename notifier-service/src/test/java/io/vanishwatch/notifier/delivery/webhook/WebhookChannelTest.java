package io.vanishwatch.notifier.delivery.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.JsonSerde;
import io.vanishwatch.notifier.SampleAlerts;
import io.vanishwatch.notifier.delivery.DeliveryResult;
import io.vanishwatch.notifier.delivery.http.JsonPost;
import io.vanishwatch.notifier.delivery.http.ScriptedReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook channel against a real HTTP server on loopback that answers what each test scripts. */
class WebhookChannelTest {

    private static final Instant NOW = Instant.parse("2026-03-10T10:00:00Z");

    private final Alert alert = SampleAlerts.clientMovesToLocal("office@demo.example", 3);
    private ScriptedReceiver receiver;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = new ScriptedReceiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void postsJsonWithTextAndTheAlertAndTheBearerToken() throws Exception {
        // given
        receiver.answer(200);
        WebhookChannel channel = channel(Optional.of("s3cret-token"), Optional.empty());

        // when
        DeliveryResult result = channel.deliver(alert);

        // then
        assertThat(result.kind()).isEqualTo(DeliveryResult.Kind.SENT);
        assertThat(result.detail()).doesNotContain("s3cret-token");
        assertThat(receiver.posts()).hasSize(1);
        ScriptedReceiver.Post post = receiver.posts().get(0);
        assertThat(post.header("Authorization")).isEqualTo("Bearer s3cret-token");
        assertThat(post.header("Content-Type")).startsWith("application/json");
        assertThat(post.header(WebhookSignature.SIGNATURE_HEADER)).isNull();
        JsonNode json = JsonSerde.MAPPER.readTree(post.body());
        assertThat(json.get("text").asText()).contains("office@demo.example").contains("3 unread messages vanished");
        assertThat(json.at("/alert/account").asText()).isEqualTo("office@demo.example");
        assertThat(json.at("/alert/evidence/0/subject").asText()).isEqualTo("Invoice 4711");
    }

    @Test
    void aSigningSecretSignsTimestampDotBodyWithHmacSha256SoTheReceiverCanRecomputeIt() throws Exception {
        // given
        receiver.answer(200);
        WebhookChannel channel = channel(Optional.empty(), Optional.of("whsec-0123456789"));

        // when
        channel.deliver(alert);

        // then the receiver, knowing only the secret, gets the same signature over the raw body
        ScriptedReceiver.Post post = receiver.posts().get(0);
        String timestamp = post.header(WebhookSignature.TIMESTAMP_HEADER);
        assertThat(timestamp).isEqualTo(Long.toString(NOW.getEpochSecond()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("whsec-0123456789".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "v1=" + HexFormat.of().formatHex(
                mac.doFinal((timestamp + "." + post.body()).getBytes(StandardCharsets.UTF_8)));
        assertThat(post.header(WebhookSignature.SIGNATURE_HEADER)).isEqualTo(expected);
        assertThat(new WebhookSignature("another secret").sign(timestamp, post.body())).isNotEqualTo(expected);
        assertThat(new WebhookSignature("whsec-0123456789").sign(timestamp, post.body() + " ")).isNotEqualTo(expected);
    }

    @Test
    void theIdempotencyKeyIsTheSameForARepeatAndDifferentForAnotherNotification() {
        // given
        receiver.answer(200, 200, 200);
        WebhookChannel channel = channel(Optional.empty(), Optional.empty());

        // when
        channel.deliver(alert);
        channel.deliver(alert);
        channel.deliver(SampleAlerts.resolved(alert));

        // then
        List<String> keys = receiver.posts().stream().map(post -> post.header(JsonPost.IDEMPOTENCY_HEADER)).toList();
        assertThat(keys.get(0)).matches("[0-9a-f]{64}").doesNotContain("office");
        assertThat(keys.get(1)).isEqualTo(keys.get(0));
        assertThat(keys.get(2)).matches("[0-9a-f]{64}").isNotEqualTo(keys.get(0));
    }

    @Test
    void aReceiverAnswering503IsRetryableAndThe200AfterItSent() {
        receiver.answer(503, 200);
        WebhookChannel channel = channel(Optional.empty(), Optional.empty());

        assertThat(channel.deliver(alert).kind()).isEqualTo(DeliveryResult.Kind.RETRYABLE);
        assertThat(channel.deliver(alert).kind()).isEqualTo(DeliveryResult.Kind.SENT);
        assertThat(receiver.posts()).hasSize(2);
    }

    @Test
    void aBadRequestIsPermanent() {
        receiver.answer(400);

        DeliveryResult result = channel(Optional.empty(), Optional.empty()).deliver(alert);

        assertThat(result.kind()).isEqualTo(DeliveryResult.Kind.PERMANENT);
        assertThat(result.detail()).contains("HTTP 400");
    }

    @Test
    void aReceiverThatIsNotListeningIsRetryable() {
        receiver.close();

        DeliveryResult result = channel(Optional.empty(), Optional.empty()).deliver(alert);

        assertThat(result.kind()).isEqualTo(DeliveryResult.Kind.RETRYABLE);
    }


    private WebhookChannel channel(Optional<String> token, Optional<String> signingSecret) {
        return new WebhookChannel(new WebhookSettings(receiver.url(), token, signingSecret, Duration.ofSeconds(5)),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }
}
