package io.vanishwatch.notifier.delivery;

/**
 * How a series of attempts on one channel ended.
 *
 * @param sent     true when the last attempt was sent
 * @param attempts attempts made, at least 1
 * @param detail   the last answer, for the notification log
 */
public record DeliveryReport(boolean sent, int attempts, String detail) {
}
