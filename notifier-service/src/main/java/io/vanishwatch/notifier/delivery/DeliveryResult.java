package io.vanishwatch.notifier.delivery;

import java.time.Duration;

/**
 * The answer of one delivery attempt.
 *
 * @param detail     what the receiving side said, worded for the log; never a secret
 * @param retryAfter how long the receiver asked us to wait before the next attempt (HTTP 429 {@code Retry-After});
 *                   zero when it did not say
 */
public record DeliveryResult(Kind kind, String detail, Duration retryAfter) {

    public enum Kind {
        SENT,
        /** Worth another attempt: a connect error, a timeout, SMTP 4xx, HTTP 5xx/408/429. */
        RETRYABLE,
        /** Another attempt would fail the same way: SMTP 5xx, authentication, HTTP 4xx, a certificate. */
        PERMANENT
    }

    public DeliveryResult(Kind kind, String detail) {
        this(kind, detail, Duration.ZERO);
    }

    public static DeliveryResult sent(String detail) {
        return new DeliveryResult(Kind.SENT, detail);
    }

    public static DeliveryResult retryable(String detail) {
        return new DeliveryResult(Kind.RETRYABLE, detail);
    }

    /** Retryable, but not before {@code wait} has passed: the receiver said so. */
    public static DeliveryResult retryableAfter(String detail, Duration wait) {
        return new DeliveryResult(Kind.RETRYABLE, detail, wait.isNegative() ? Duration.ZERO : wait);
    }

    public static DeliveryResult permanent(String detail) {
        return new DeliveryResult(Kind.PERMANENT, detail);
    }
}
