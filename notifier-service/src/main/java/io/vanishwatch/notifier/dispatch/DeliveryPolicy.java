package io.vanishwatch.notifier.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.vanishwatch.notifier.delivery.DeliveryResult;
import io.vanishwatch.notifier.delivery.RetryPolicy;

/**
 * When a pending delivery is tried again after a retryable answer: the backoff doubles up to its maximum, a receiver's
 * {@code Retry-After} is waited for in full, and only after {@code giveUpAfter} (or the policy's attempts, when they
 * are limited) does a notification count as undeliverable — a receiver that is down for an hour loses nothing.
 */
public record DeliveryPolicy(RetryPolicy retry, Duration giveUpAfter) {

    /** The instant of the next attempt after {@code answer}; empty when the delivery is to be given up. */
    public Optional<Instant> nextAttempt(PendingDelivery delivery, DeliveryResult answer, Instant now) {
        int attemptsMade = delivery.attempts() + 1;
        if (answer.kind() != DeliveryResult.Kind.RETRYABLE || attemptsMade >= retry.maxAttempts()) {
            return Optional.empty();
        }
        Duration backoff = retry.backoffBefore(attemptsMade + 1);
        Duration wait = answer.retryAfter().compareTo(backoff) > 0 ? answer.retryAfter() : backoff;
        Instant next = now.plus(wait);
        Instant deadline = delivery.queuedAt().plus(giveUpAfter);
        if (!now.isBefore(deadline)) {
            return Optional.empty();
        }
        return Optional.of(next.isAfter(deadline) ? deadline : next);
    }
}
