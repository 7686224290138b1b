package io.vanishwatch.events;

import java.util.List;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Every Vanishwatch topic with its serdes. Every record is keyed by the account id, except a silence's. */
public final class Topics {

    private static final Serde<String> ACCOUNT_KEY = Serdes.String();

    public static final Topic<String, MailboxEvent> MAILBOX_EVENTS =
            new Topic<>("vanishwatch.mailbox-events.v1", ACCOUNT_KEY, new JsonSerde<>(MailboxEvent.class));

    public static final Topic<String, Disappearance> DISAPPEARANCES =
            new Topic<>("vanishwatch.disappearances.v1", ACCOUNT_KEY, new JsonSerde<>(Disappearance.class));

    public static final Topic<String, Alert> ALERTS =
            new Topic<>("vanishwatch.alerts.v1", ACCOUNT_KEY, new JsonSerde<>(Alert.class));

    public static final Topic<String, Notification> NOTIFICATIONS =
            new Topic<>("vanishwatch.notifications.v1", ACCOUNT_KEY, new JsonSerde<>(Notification.class));

    /** What the mail server itself recorded (its logs): who removed what, who failed to log in. */
    public static final Topic<String, ServerLogEvent> SERVER_LOG =
            new Topic<>("vanishwatch.server-log.v1", ACCOUNT_KEY, new JsonSerde<>(ServerLogEvent.class));

    /**
     * The silences staff set on the notifier, compacted: the latest version of each silence, a tombstone (null value)
     * once it is forgotten. The one topic not keyed by account but by the silence id: a silence can cover many
     * accounts (or none named, e.g. {@code severity=INFO}), it is changed and expired as a whole, and compaction must
     * keep exactly one record per silence. Every notifier instance reads all of it, so its partitioning carries no
     * meaning. It has no dead-letter topic: an unreadable record is logged and skipped by each reader, and replaced by
     * the next write of its silence.
     */
    public static final Topic<String, Silence> SILENCES =
            new Topic<>("vanishwatch.silences.v1", Serdes.String(), new JsonSerde<>(Silence.class), true);

    /**
     * Every topic the services read or write, in pipeline order; the dead-letter topics follow from the ones that are
     * not {@linkplain Topic#compacted() compacted}.
     */
    public static final List<Topic<String, ?>> ALL =
            List.of(MAILBOX_EVENTS, SERVER_LOG, DISAPPEARANCES, ALERTS, NOTIFICATIONS, SILENCES);

    private Topics() {
    }
}
