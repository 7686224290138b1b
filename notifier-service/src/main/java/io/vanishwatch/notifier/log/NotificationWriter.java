package io.vanishwatch.notifier.log;

import io.vanishwatch.events.Notification;

/** Makes one entry of the notification log durable before the alert's offset is committed. */
@FunctionalInterface
public interface NotificationWriter {

    /** Returns once the entry is stored; throws when it could not be, so the alert is processed again. */
    void write(Notification notification);
}
