package io.vanishwatch.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {

    private static final Instant ARRIVED_AT = Instant.parse("2026-11-27T09:00:00Z");

    @Test
    void mailboxEventSurvivesTheRoundTripWithItsFlagsAndTimes() {
        MessageSummary message = new MessageSummary("<a@x>", "Bank <b@bank.example>", "Invoice", 1234, ARRIVED_AT, Set.of("\\Seen"));
        MailboxEvent event = MailboxEvent.message(MailboxEvent.Type.ARRIVED, "office", "INBOX", FolderRole.INBOX,
                7, 42, message, ARRIVED_AT.plusSeconds(1), MailboxEvent.DetectedBy.IDLE, null);

        byte[] json = Topics.MAILBOX_EVENTS.valueSerde().serializer().serialize("t", event);
        MailboxEvent back = Topics.MAILBOX_EVENTS.valueSerde().deserializer().deserialize("t", json);

        assertThat(back).isEqualTo(event);
        assertThat(back.seen()).isTrue();
        assertThat(new String(json, StandardCharsets.UTF_8))
                .contains("\"observedAt\":\"2026-11-27T09:00:01Z\"")
                .doesNotContain("lastSeenAt");
    }

    @Test
    void removalKeepsTheCollectorsVerdictAndItsEventIdDoesNotDependOnIt() {
        MessageSummary message = new MessageSummary("<n@x>", "news@shop.example", "Weekly deals", 900, ARRIVED_AT, Set.of());
        Verdict filed = Verdict.inFolder("Newsletters", FolderRole.OTHER, 17, ARRIVED_AT.plusSeconds(3),
                List.of("Archive", "Junk", "Newsletters", "Trash"));
        MailboxEvent removed = MailboxEvent.removed("office", "INBOX", FolderRole.INBOX, 7, 42, message,
                ARRIVED_AT.plusSeconds(3), MailboxEvent.DetectedBy.IDLE, null, filed);

        byte[] json = Topics.MAILBOX_EVENTS.valueSerde().serializer().serialize("t", removed);
        MailboxEvent back = Topics.MAILBOX_EVENTS.valueSerde().deserializer().deserialize("t", json);

        assertThat(back).isEqualTo(removed);
        assertThat(back.verdict().location()).isEqualTo(Verdict.Location.IN_FOLDER);
        assertThat(back.verdict().folder()).isEqualTo("Newsletters");
        assertThat(removed.eventId()).isEqualTo(removed.withVerdict(null).eventId())
                .isEqualTo(MailboxEvent.message(MailboxEvent.Type.REMOVED, "office", "INBOX", FolderRole.INBOX, 7, 42,
                        message, ARRIVED_AT, MailboxEvent.DetectedBy.RESYNC, null).eventId());
    }

    @Test
    void eventsWrittenBeforeVerdictsExistedStillRead() {
        byte[] json = ("{\"eventId\":\"e1\",\"type\":\"REMOVED\",\"account\":\"office\",\"folder\":\"INBOX\","
                + "\"folderRole\":\"INBOX\",\"uidValidity\":7,\"uid\":42,\"observedAt\":\"2026-11-27T09:00:01Z\"}")
                .getBytes(StandardCharsets.UTF_8);

        MailboxEvent back = Topics.MAILBOX_EVENTS.valueSerde().deserializer().deserialize("t", json);

        assertThat(back.type()).isEqualTo(MailboxEvent.Type.REMOVED);
        assertThat(back.verdict()).isNull();
    }

    @Test
    void alertWithEvidenceSurvivesTheRoundTripAndWritesDurationsReadably() {
        Disappearance gone = new Disappearance("office", "INBOX", FolderRole.INBOX, 7, 42, "<a@x>", "b@bank.example",
                "Invoice", ARRIVED_AT, ARRIVED_AT.plusSeconds(30), null, Duration.ofSeconds(30), false,
                Disappearance.Destination.GONE, null, null, null, Disappearance.Basis.FOLDER_CHECK,
                ARRIVED_AT.plusSeconds(31), List.of("Archive", "Junk", "Trash"), null);
        Alert alert = new Alert(Alert.alertKey("office", Alert.Pattern.CLIENT_MOVES_TO_LOCAL), Alert.Status.FIRING,
                Alert.Pattern.CLIENT_MOVES_TO_LOCAL, Alert.Severity.CRITICAL, "office", ARRIVED_AT, ARRIVED_AT,
                1, "summary", "advice", List.of(gone), java.util.Map.of(Alert.FACT_INTERVAL, "PT15M"));

        byte[] json = Topics.ALERTS.valueSerde().serializer().serialize("t", alert);

        assertThat(Topics.ALERTS.valueSerde().deserializer().deserialize("t", json)).isEqualTo(alert);
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"dwellTime\":\"PT30S\"");
    }

    @Test
    void unknownFieldsFromANewerWriterAreIgnored() {
        byte[] json = "{\"notificationKey\":\"k\",\"outcome\":\"SENT\",\"addedInV1_1\":true}".getBytes(StandardCharsets.UTF_8);

        Notification back = Topics.NOTIFICATIONS.valueSerde().deserializer().deserialize("t", json);

        assertThat(back.notificationKey()).isEqualTo("k");
        assertThat(back.outcome()).isEqualTo(Notification.Outcome.SENT);
    }

    @Test
    void aRecordThatIsNotJsonFailsWithTheTopicAndTheType() {
        byte[] garbage = "not json".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Topics.MAILBOX_EVENTS.valueSerde().deserializer().deserialize("mailbox-topic", garbage))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("MailboxEvent")
                .hasMessageContaining("mailbox-topic");
    }
}
