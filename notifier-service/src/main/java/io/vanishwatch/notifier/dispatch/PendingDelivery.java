package io.vanishwatch.notifier.dispatch;

import java.time.Instant;

import io.vanishwatch.notifier.delivery.Notice;

/**
 * A notification that is due on one channel and not delivered yet: it stays in the dispatcher's store until the
 * channel takes it or refuses it for good, so a receiver that is down for hours loses nothing.
 *
 * @param attempts    attempts made so far
 * @param queuedAt    when it was made; after {@code give-up-after} it is given up as undeliverable
 * @param nextAttempt not before this instant
 * @param lastDetail  what the channel said last; null before the first attempt
 */
public record PendingDelivery(Notice notice, String channel, int attempts, Instant queuedAt, Instant nextAttempt,
        String lastDetail) {

    public PendingDelivery retryAt(Instant next, String detail) {
        return new PendingDelivery(notice, channel, attempts + 1, queuedAt, next, detail);
    }
}
