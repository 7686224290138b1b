package io.vanishwatch.notifier.dispatch;

import io.vanishwatch.events.Notification;

/** Told of every recorded outcome and of the pending deliveries after each tick: for metrics and health. */
public interface DeliveryListener {

    DeliveryListener NONE = new DeliveryListener() {
    };

    default void recorded(Notification notification) {
    }

    default void pending(int deliveries) {
    }
}
