package io.vanishwatch.events;

import java.util.List;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Every Vanishwatch topic with its serdes. Every record is keyed by the account id. */
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

    /** Every topic the services read or write, in pipeline order; the dead-letter topics follow from these. */
    public static final List<Topic<String, ?>> ALL =
            List.of(MAILBOX_EVENTS, SERVER_LOG, DISAPPEARANCES, ALERTS, NOTIFICATIONS);

    private Topics() {
    }
}
