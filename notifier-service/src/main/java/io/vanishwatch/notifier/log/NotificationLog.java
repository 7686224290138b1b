package io.vanishwatch.notifier.log;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.vanishwatch.events.Notification;

/**
 * What has been sent, by notification key and channel: the notifier asks it before every delivery and tells it
 * after every series of attempts, so each notification goes out once per channel — across restarts, since the
 * log is rebuilt from the notifications topic.
 */
public final class NotificationLog {

    private final Set<String> sent = ConcurrentHashMap.newKeySet();
    private final NotificationWriter writer;

    public NotificationLog(NotificationWriter writer) {
        this.writer = writer;
    }

    public boolean alreadySent(String notificationKey, String channel) {
        return sent.contains(entry(notificationKey, channel));
    }

    /** Stores {@code notification} durably, then remembers it. */
    public void record(Notification notification) {
        writer.write(notification);
        remember(notification);
    }

    /** Takes in an entry read back from the log topic (own or another instance's). */
    public void remember(Notification notification) {
        if (notification.outcome() == Notification.Outcome.SENT
                && notification.notificationKey() != null && notification.channel() != null) {
            sent.add(entry(notification.notificationKey(), notification.channel()));
        }
    }

    /** How many (notification, channel) pairs are known as sent. */
    public int size() {
        return sent.size();
    }

    private static String entry(String notificationKey, String channel) {
        return channel + "\u0000" + notificationKey;
    }
}
