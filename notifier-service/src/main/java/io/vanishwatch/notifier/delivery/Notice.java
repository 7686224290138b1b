package io.vanishwatch.notifier.delivery;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.vanishwatch.events.Alert;

/**
 * One notification to one receiver: the alerts of one group that are news (or still firing, for a repeat), or word
 * that another notification could not be delivered — in the receiver's language and time zone. Its {@code key} names
 * it across attempts, restarts and instances, so a repeat is recognisable ({@link #digest()}).
 *
 * @param key          the identity of this notification; the same on every attempt and after a restart
 * @param kind         what it says
 * @param receiver     the receiver it goes to (routing's name; {@code default} without routes)
 * @param alerts       the alerts it is about, latest state of each, in the order they arrived; never empty
 * @param presentation how the receiver wants it written
 * @param undelivered  for {@link Kind#UNDELIVERED}: which notification could not be delivered where, and why
 */
public record Notice(String key, Kind kind, String receiver, List<Alert> alerts, Presentation presentation,
        Undelivered undelivered) {

    public enum Kind {
        /** Alerts of one group that are new or changed since the receiver was last told: FIRING, UPDATED, RESOLVED. */
        ALERTS,
        /** A reminder: the group's alerts are still open and nothing changed for {@code repeat-interval}. */
        REPEAT,
        /** A notification about {@link #alerts} was refused for good by one channel; told on the others. */
        UNDELIVERED
    }

    /**
     * How one receiver wants its notifications written.
     *
     * @param language         {@code en} or {@code ja}
     * @param timeZone         a zone id, e.g. {@code Asia/Tokyo}: every time in the text is in it
     * @param timelineBaseUrl  where the analyzer's account timeline is, e.g. {@code https://vw.example/api}; empty
     *                         for no link
     */
    public record Presentation(String language, String timeZone, Optional<String> timelineBaseUrl) {

        public static final Presentation DEFAULT = new Presentation("en", "UTC", Optional.empty());

        public Presentation {
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(timeZone, "timeZone");
            timelineBaseUrl = timelineBaseUrl == null ? Optional.empty() : timelineBaseUrl;
        }
    }

    /**
     * @param channel     the channel that refused it for good
     * @param noticeKey   the key of the notification it refused
     * @param detail      what the receiving side said; never a secret
     * @param attempts    how many attempts were made
     */
    public record Undelivered(String channel, String noticeKey, String detail, int attempts) {
    }

    public Notice {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(receiver, "receiver");
        alerts = List.copyOf(alerts);
        if (alerts.isEmpty()) {
            throw new IllegalArgumentException("a notice is about at least one alert");
        }
        presentation = presentation == null ? Presentation.DEFAULT : presentation;
        if ((kind == Kind.UNDELIVERED) != (undelivered != null)) {
            throw new IllegalArgumentException("an UNDELIVERED notice, and only it, says what was undelivered");
        }
    }

    /** The notification of one alert to the default receiver, keyed by the alert's own notification key. */
    public static Notice of(Alert alert) {
        return new Notice(alert.notificationKey(), Kind.ALERTS, "default", List.of(alert), Presentation.DEFAULT, null);
    }

    /** The first alert: the one a single-alert notice is about. */
    public Alert first() {
        return alerts.get(0);
    }

    /** The account all alerts are about, when they share one. */
    public Optional<String> account() {
        String account = first().account();
        return alerts.stream().allMatch(a -> Objects.equals(a.account(), account))
                ? Optional.ofNullable(account) : Optional.empty();
    }

    /** The hex SHA-256 of the key: e-mail {@code Message-ID} and HTTP {@code Idempotency-Key}. */
    public String digest() {
        return NotificationDigest.hex(key);
    }
}
