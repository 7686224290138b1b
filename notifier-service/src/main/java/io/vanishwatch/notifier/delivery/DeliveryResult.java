package io.vanishwatch.notifier.delivery;

/**
 * The answer of one delivery attempt.
 *
 * @param detail what the receiving side said, worded for the log; never a secret
 */
public record DeliveryResult(Kind kind, String detail) {

    public enum Kind {
        SENT,
        /** Worth another attempt: a connect error, a timeout, SMTP 4xx, HTTP 5xx/408/429. */
        RETRYABLE,
        /** Another attempt would fail the same way: SMTP 5xx, authentication, HTTP 4xx, a certificate. */
        PERMANENT
    }

    public static DeliveryResult sent(String detail) {
        return new DeliveryResult(Kind.SENT, detail);
    }

    public static DeliveryResult retryable(String detail) {
        return new DeliveryResult(Kind.RETRYABLE, detail);
    }

    public static DeliveryResult permanent(String detail) {
        return new DeliveryResult(Kind.PERMANENT, detail);
    }
}
