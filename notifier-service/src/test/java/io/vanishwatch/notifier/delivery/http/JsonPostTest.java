package io.vanishwatch.notifier.delivery.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import io.vanishwatch.events.Alert;
import io.vanishwatch.notifier.delivery.Notice;
import io.vanishwatch.notifier.SampleAlerts;
import io.vanishwatch.notifier.delivery.Channel;
import io.vanishwatch.notifier.delivery.DeliveryResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How every webhook-flavoured channel reads an HTTP answer, against a real server on loopback. */
class JsonPostTest {

    private static final Instant NOW = Instant.parse("2026-03-10T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

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
    void tooManyRequestsWithRetryAfterSecondsSaysHowLongToWait() {
        receiver.answerRetryAfter(429, "30");

        DeliveryResult result = channel().deliver(alert);

        assertThat(result.kind()).isEqualTo(DeliveryResult.Kind.RETRYABLE);
        assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void tooManyRequestsWithRetryAfterAnHttpDateWaitsUntilThen() {
        receiver.answerRetryAfter(429, "Tue, 10 Mar 2026 10:01:15 GMT");

        assertThat(channel().deliver(alert).retryAfter()).isEqualTo(Duration.ofSeconds(75));
    }

    @Test
    void aBadRequestIsPermanentAndAnUnavailableServerRetryable() {
        receiver.answer(400, 503);

        DeliveryResult bad = channel().deliver(alert);
        DeliveryResult unavailable = channel().deliver(alert);

        assertThat(bad.kind()).isEqualTo(DeliveryResult.Kind.PERMANENT);
        assertThat(bad.detail()).contains("HTTP 400");
        assertThat(unavailable.kind()).isEqualTo(DeliveryResult.Kind.RETRYABLE);
    }

    @Test
    void classifiesByStatus() {
        assertThat(kind(429, null)).isEqualTo(DeliveryResult.Kind.RETRYABLE);
        assertThat(kind(429, "soon")).isEqualTo(DeliveryResult.Kind.RETRYABLE);
        assertThat(JsonPost.classify(429, "", Optional.of("soon"), CLOCK).retryAfter()).isZero();
        assertThat(kind(408, null)).isEqualTo(DeliveryResult.Kind.RETRYABLE);
        assertThat(kind(502, null)).isEqualTo(DeliveryResult.Kind.RETRYABLE);
        assertThat(kind(404, null)).isEqualTo(DeliveryResult.Kind.PERMANENT);
        assertThat(kind(401, null)).isEqualTo(DeliveryResult.Kind.PERMANENT);
        assertThat(kind(301, null)).isEqualTo(DeliveryResult.Kind.PERMANENT);
        assertThat(kind(202, null)).isEqualTo(DeliveryResult.Kind.SENT);
    }

    private static DeliveryResult.Kind kind(int status, String retryAfter) {
        return JsonPost.classify(status, "", Optional.ofNullable(retryAfter), CLOCK).kind();
    }

    private Channel channel() {
        JsonPost post = new JsonPost(receiver.target(), CLOCK);
        return new Channel() {
            @Override
            public String name() {
                return "json";
            }

            @Override
            public DeliveryResult deliver(Notice notice) {
                Alert alert = notice.first();
                return post.post(notice, "{\"text\":\"hello\"}", Map.of());
            }
        };
    }
}
