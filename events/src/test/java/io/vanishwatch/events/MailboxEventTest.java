package io.vanishwatch.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class MailboxEventTest {

    @Test
    void theSameFactGivesTheSameEventId() {
        assertThat(MailboxEvent.eventId("office", "INBOX", 7, 42, MailboxEvent.Type.REMOVED, Set.of()))
                .isEqualTo(MailboxEvent.eventId("office", "INBOX", 7, 42, MailboxEvent.Type.REMOVED, Set.of()))
                .hasSize(32);
    }

    @Test
    void anyPartOfTheIdentityChangesTheEventId() {
        String removed = MailboxEvent.eventId("office", "INBOX", 7, 42, MailboxEvent.Type.REMOVED, Set.of());

        assertThat(removed)
                .isNotEqualTo(MailboxEvent.eventId("office", "INBOX", 7, 42, MailboxEvent.Type.ARRIVED, Set.of()))
                .isNotEqualTo(MailboxEvent.eventId("office", "INBOX", 8, 42, MailboxEvent.Type.REMOVED, Set.of()))
                .isNotEqualTo(MailboxEvent.eventId("office", "Junk", 7, 42, MailboxEvent.Type.REMOVED, Set.of()))
                .isNotEqualTo(MailboxEvent.eventId("home", "INBOX", 7, 42, MailboxEvent.Type.REMOVED, Set.of()));
    }

    @Test
    void twoDifferentFlagChangesAreTwoEventsWhateverTheFlagOrder() {
        String seen = MailboxEvent.eventId("office", "INBOX", 7, 42, MailboxEvent.Type.FLAGS_CHANGED, Set.of("\\Seen"));
        String seenAndFlagged = MailboxEvent.eventId("office", "INBOX", 7, 42, MailboxEvent.Type.FLAGS_CHANGED,
                Set.of("\\Seen", "\\Flagged"));

        assertThat(seen).isNotEqualTo(seenAndFlagged);
        assertThat(seenAndFlagged).isEqualTo(MailboxEvent.eventId("office", "INBOX", 7, 42,
                MailboxEvent.Type.FLAGS_CHANGED, Set.of("\\Flagged", "\\Seen")));
    }

    @Test
    void readUnreadAndReadAgainAreThreeFlagChanges() {
        java.time.Instant t0 = java.time.Instant.parse("2026-11-27T09:00:00Z");
        MessageSummary read = new MessageSummary("<a@x>", "b@x", "s", 10, t0, Set.of("\\Seen"));
        MessageSummary unread = read.withFlags(Set.of());

        String first = flagChange(read, t0).eventId();
        String second = flagChange(unread, t0.plusSeconds(5)).eventId();
        String third = flagChange(read, t0.plusSeconds(9)).eventId();

        assertThat(Set.of(first, second, third)).hasSize(3);
        assertThat(flagChange(read, t0).eventId()).as("the same event published again").isEqualTo(first);
    }

    private static MailboxEvent flagChange(MessageSummary message, java.time.Instant at) {
        return MailboxEvent.message(MailboxEvent.Type.FLAGS_CHANGED, "office", "INBOX", FolderRole.INBOX, 7, 42,
                message, at, MailboxEvent.DetectedBy.IDLE, null);
    }
}
