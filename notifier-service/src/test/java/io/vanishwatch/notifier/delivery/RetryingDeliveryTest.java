package io.vanishwatch.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.vanishwatch.notifier.SampleAlerts;
import org.junit.jupiter.api.Test;

class RetryingDeliveryTest {

    private final List<Duration> waits = new ArrayList<>();
    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(5));
    private final RetryingDelivery delivery = new RetryingDelivery(policy, waits::add);

    @Test
    void retryableFailuresAreRetriedWithDoublingBackoffUntilSent() throws InterruptedException {
        // given a channel that fails twice with a transient error, then succeeds
        ScriptedChannel channel = new ScriptedChannel(DeliveryResult.retryable("HTTP 503"),
                DeliveryResult.retryable("HTTP 503"), DeliveryResult.sent("HTTP 200"));

        // when
        DeliveryReport report = delivery.deliver(channel, SampleAlerts.clientMovesToLocal("office", 3));

        // then
        assertThat(report.sent()).isTrue();
        assertThat(report.attempts()).isEqualTo(3);
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void aReceiverAskingToWaitIsWaitedForUpToTheMaximumBackoffAndNotDroppedAtOnce() throws InterruptedException {
        ScriptedChannel channel = new ScriptedChannel(DeliveryResult.retryableAfter("HTTP 429", Duration.ofSeconds(3)),
                DeliveryResult.retryableAfter("HTTP 429", Duration.ofHours(1)), DeliveryResult.sent("HTTP 200"));

        DeliveryReport report = delivery.deliver(channel, SampleAlerts.clientMovesToLocal("office", 3));

        assertThat(report.sent()).isTrue();
        assertThat(waits).as("3 s asked beats the 1 s backoff; an hour asked is capped at the 5 s maximum")
                .containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(5));
    }

    @Test
    void permanentFailureStopsAtOnce() throws InterruptedException {
        ScriptedChannel channel = new ScriptedChannel(DeliveryResult.permanent("SMTP 550: mailbox unavailable"));

        DeliveryReport report = delivery.deliver(channel, SampleAlerts.clientMovesToLocal("office", 3));

        assertThat(report.sent()).isFalse();
        assertThat(report.attempts()).isEqualTo(1);
        assertThat(report.detail()).contains("permanent").contains("550");
        assertThat(waits).isEmpty();
        assertThat(channel.attempts()).isEqualTo(1);
    }

    @Test
    void givesUpAfterMaxAttemptsWithBackoffCappedAtMax() throws InterruptedException {
        ScriptedChannel channel = new ScriptedChannel(DeliveryResult.retryable("connection refused"));

        DeliveryReport report = delivery.deliver(channel, SampleAlerts.clientMovesToLocal("office", 3));

        assertThat(report.sent()).isFalse();
        assertThat(report.attempts()).isEqualTo(5);
        assertThat(report.detail()).contains("gave up after 5").contains("connection refused");
        assertThat(channel.attempts()).isEqualTo(5);
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(5));
    }

    @Test
    void aChannelThatThrowsIsRetriedLikeATransientFailure() throws InterruptedException {
        Channel throwing = new Channel() {
            private int calls;

            @Override
            public String name() {
                return "throwing";
            }

            @Override
            public DeliveryResult deliver(Notice notice) {
                if (calls++ == 0) {
                    throw new IllegalStateException("bug");
                }
                return DeliveryResult.sent("ok");
            }
        };

        DeliveryReport report = delivery.deliver(throwing, SampleAlerts.clientMovesToLocal("office", 3));

        assertThat(report.sent()).isTrue();
        assertThat(report.attempts()).isEqualTo(2);
    }

    @Test
    void backoffBeforeEachAttemptDoublesFromTheInitialAndStopsAtTheMaximum() {
        RetryPolicy minuteCap = new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofMinutes(1));

        assertThat(minuteCap.backoffBefore(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(minuteCap.backoffBefore(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(minuteCap.backoffBefore(7)).isEqualTo(Duration.ofSeconds(32));
        assertThat(minuteCap.backoffBefore(8)).isEqualTo(Duration.ofMinutes(1));
        assertThat(minuteCap.backoffBefore(10)).isEqualTo(Duration.ofMinutes(1));
    }
}
