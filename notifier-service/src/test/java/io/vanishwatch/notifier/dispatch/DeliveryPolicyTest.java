package io.vanishwatch.notifier.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import io.vanishwatch.notifier.SampleAlerts;
import io.vanishwatch.notifier.delivery.DeliveryResult;
import io.vanishwatch.notifier.delivery.Notice;
import io.vanishwatch.notifier.delivery.RetryPolicy;
import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {

    private static final Instant QUEUED = Instant.parse("2026-03-10T09:00:00Z");
    private final DeliveryPolicy policy = new DeliveryPolicy(new RetryPolicy(Integer.MAX_VALUE, Duration.ofSeconds(1),
            Duration.ofMinutes(1)), Duration.ofHours(1));
    private final PendingDelivery fresh = new PendingDelivery(Notice.of(SampleAlerts.clientMovesToLocal("office", 3)),
            "slack", 0, QUEUED, QUEUED, null);

    @Test
    void theBackoffDoublesUpToItsMaximum() {
        PendingDelivery delivery = fresh;
        Instant now = QUEUED;
        StringBuilder waits = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            Instant next = policy.nextAttempt(delivery, DeliveryResult.retryable("503"), now).orElseThrow();
            waits.append(Duration.between(now, next).toSeconds()).append(' ');
            delivery = delivery.retryAt(next, "503");
            now = next;
        }
        assertThat(waits.toString().strip()).isEqualTo("1 2 4 8 16 32 60 60 60");
    }

    @Test
    void aRetryAfterIsWaitedForInFullEvenBeyondTheMaximumBackoff() {
        Instant next = policy.nextAttempt(fresh, DeliveryResult.retryableAfter("429", Duration.ofMinutes(10)), QUEUED)
                .orElseThrow();

        assertThat(next).isEqualTo(QUEUED.plus(Duration.ofMinutes(10)));
    }

    @Test
    void theLastAttemptIsAtTheDeadlineAndAfterItTheDeliveryIsGivenUp() {
        Instant late = QUEUED.plus(Duration.ofMinutes(59).plusSeconds(30));
        PendingDelivery tried = fresh;
        for (int i = 0; i < 8; i++) {
            tried = tried.retryAt(late, "503");
        }
        assertThat(policy.nextAttempt(tried, DeliveryResult.retryable("503"), late))
                .contains(QUEUED.plus(Duration.ofHours(1)));
        assertThat(policy.nextAttempt(fresh, DeliveryResult.retryable("503"), QUEUED.plus(Duration.ofHours(1))))
                .isEmpty();
    }

    @Test
    void aPermanentAnswerIsNeverRetriedAndALimitOnAttemptsIsHonoured() {
        assertThat(policy.nextAttempt(fresh, DeliveryResult.permanent("404"), QUEUED)).isEmpty();
        DeliveryPolicy three = new DeliveryPolicy(new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofMinutes(1)),
                Duration.ofHours(1));
        PendingDelivery twice = fresh.retryAt(QUEUED, "503").retryAt(QUEUED, "503");
        assertThat(three.nextAttempt(twice, DeliveryResult.retryable("503"), QUEUED)).isEmpty();
    }
}
