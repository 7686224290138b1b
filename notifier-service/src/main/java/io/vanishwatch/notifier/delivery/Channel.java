package io.vanishwatch.notifier.delivery;

import io.vanishwatch.events.Alert;

/** One way of telling support staff about alerts; each attempt answers sent, failed-retryable or failed-permanent. */
public interface Channel {

    /** The channel's name in the notification log and the metrics, e.g. {@code email}. */
    String name();

    /** Makes one delivery attempt; never throws for a delivery problem, it answers with the outcome instead. */
    DeliveryResult deliver(Notice notice);

    /** One attempt at the notification of one alert to the default receiver. */
    default DeliveryResult deliver(Alert alert) {
        return deliver(Notice.of(alert));
    }
}
