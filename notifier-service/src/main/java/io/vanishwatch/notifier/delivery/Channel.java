package io.vanishwatch.notifier.delivery;

import io.vanishwatch.events.Alert;

/** One way of telling support staff about an alert; each attempt answers sent, failed-retryable or failed-permanent. */
public interface Channel {

    /** The channel's name in the notification log and the metrics, e.g. {@code email}. */
    String name();

    /** Makes one delivery attempt; never throws for a delivery problem, it answers with the outcome instead. */
    DeliveryResult deliver(Alert alert);
}
