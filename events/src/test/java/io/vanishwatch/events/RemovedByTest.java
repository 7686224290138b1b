package io.vanishwatch.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RemovedByTest {

    private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");

    private static ServerLogEvent expunge(String protocol, String clientName) {
        return new ServerLogEvent("id", ServerLogEvent.Action.EXPUNGE, "office", "office@example.org", "INBOX", 30L,
                "<a@x>", null, Set.of(), "23MGy0thutZ/AAAB", protocol, "192.0.2.14", clientName, "16.0", null, AT,
                "dovecot");
    }

    @Test
    void aDeviceIsCountedByNameAndAddressAcrossItsSessionsAndPop3IsSaid() {
        assertThat(RemovedBy.of(expunge("imap", "Mac OS X Mail"), RemovedBy.Action.MOVE, "Junk").device())
                .isEqualTo("'Mac OS X Mail' at 192.0.2.14");
        assertThat(RemovedBy.of(expunge("imap", null), RemovedBy.Action.EXPUNGE, null).device())
                .isEqualTo("a client that gave no name at 192.0.2.14");
        assertThat(RemovedBy.of(expunge("pop3", null), RemovedBy.Action.POP3_RETRIEVE_AND_DELETE, null).device())
                .isEqualTo("a POP3 client at 192.0.2.14");
        assertThat(RemovedBy.of(expunge("imap", "Mac OS X Mail"), RemovedBy.Action.MOVE, "Junk").how())
                .isEqualTo("moved to Junk (copy + expunge)");
        assertThat(RemovedBy.of(expunge("imap", null), RemovedBy.Action.EXPUNGE_AFTER_DELETE, null).how())
                .isEqualTo("deleted (\\Deleted, then expunged)");
    }

    @Test
    void anAttributedDisappearanceGoesThroughJsonUnchanged() {
        Disappearance gone = new Disappearance("office", "INBOX", FolderRole.INBOX, 7, 30, "<a@x>", "b@bank.example",
                "Invoice", AT.minusSeconds(2), AT, null, Duration.ofSeconds(2), false, Disappearance.Destination.GONE,
                null, null, null, Disappearance.Basis.FOLDER_CHECK, AT, List.of("Junk"), null);
        ServerLogEvent record = expunge("imap", "Mac OS X Mail");
        Disappearance attributed = gone.withRemovedBy(record.device(),
                RemovedBy.of(record, RemovedBy.Action.EXPUNGE_AFTER_DELETE, null));

        Disappearance back = Topics.DISAPPEARANCES.valueSerde().deserializer().deserialize("t",
                Topics.DISAPPEARANCES.valueSerde().serializer().serialize("t", attributed));

        assertThat(back).isEqualTo(attributed);
        assertThat(back.removedBy()).isEqualTo("'Mac OS X Mail' 16.0 at 192.0.2.14 (imap session 23MGy0thutZ/AAAB)");
        assertThat(back.removedByDevice().action()).isEqualTo(RemovedBy.Action.EXPUNGE_AFTER_DELETE);
    }
}
