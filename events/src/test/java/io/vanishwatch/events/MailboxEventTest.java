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
}
