package io.vanishwatch.events;

import java.time.Instant;

/** The notifier's delivery log: one record per alert notification and channel, so nothing is sent twice. */
public record Notification(
        String notificationKey,
        String alertKey,
        String account,
        String channel,
        Outcome outcome,
        int attempts,
        Instant at,
        String detail) {

    public enum Outcome { SENT, FAILED }
}
