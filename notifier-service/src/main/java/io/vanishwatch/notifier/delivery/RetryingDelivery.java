package io.vanishwatch.notifier.delivery;

import java.time.Duration;

import io.vanishwatch.events.Alert;
import org.jboss.logging.Logger;

/**
 * Tries a channel until it answers sent, answers a permanent failure, or the policy's attempts are used up; waits as
 * long as the receiver asked ({@code Retry-After}) when that is longer than the backoff, but never longer than the
 * policy's {@code maxBackoff}: a receiver asking for an hour must not make an alert wait an hour, nor be dropped at
 * once.
 */
public final class RetryingDelivery {

    private static final Logger LOG = Logger.getLogger(RetryingDelivery.class);

    private final RetryPolicy policy;
    private final Sleeper sleeper;

    public RetryingDelivery(RetryPolicy policy, Sleeper sleeper) {
        this.policy = policy;
        this.sleeper = sleeper;
    }

    /**
     * Delivers {@code alert} through {@code channel} with backoff between attempts.
     *
     * @throws InterruptedException when the notifier stops during a backoff: nothing is recorded then, so the
     *                              alert is delivered after the restart
     */
    public DeliveryReport deliver(Channel channel, Alert alert) throws InterruptedException {
        int attempt = 1;
        while (true) {
            DeliveryResult result = attemptOnce(channel, alert);
            switch (result.kind()) {
                case SENT:
                    return new DeliveryReport(true, attempt, result.detail());
                case PERMANENT:
                    return new DeliveryReport(false, attempt, "permanent failure: " + result.detail());
                default:
                    if (attempt >= policy.maxAttempts()) {
                        return new DeliveryReport(false, attempt,
                                "gave up after " + attempt + " attempt(s): " + result.detail());
                    }
            }
            attempt++;
            Duration wait = min(max(policy.backoffBefore(attempt), result.retryAfter()), policy.maxBackoff());
            LOG.warnf("%s delivery of %s failed (%s); attempt %d in %s", channel.name(), alert.notificationKey(),
                    result.detail(), attempt, wait);
            sleeper.sleep(wait);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static DeliveryResult attemptOnce(Channel channel, Alert alert) {
        try {
            return channel.deliver(alert);
        } catch (RuntimeException unexpected) {
            // a channel bug must not lose the notification: treat it as transient, bounded by max-attempts
            return DeliveryResult.retryable("unexpected " + unexpected.getClass().getSimpleName() + ": "
                    + unexpected.getMessage());
        }
    }
}
