package io.vanishwatch.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ServerLogEventTest {

    private static ServerLogEvent expunge(String clientName, String clientVersion) {
        return new ServerLogEvent(ServerLogEvent.eventId("dovecot", "/var/log/dovecot.log:1042:expunge ..."),
                ServerLogEvent.Action.EXPUNGE, "office", "office@example.org", "INBOX", 30L, "<a@x>", null,
                Set.of("\\Seen"), "23MGy0thutZ/AAAB", "imap", "192.0.2.14", clientName, clientVersion, null,
                Instant.parse("2026-03-02T09:00:00Z"), "dovecot");
    }

    @Test
    void theDeviceIsNamedByWhatTheClientSaidAndWhereItCameFrom() {
        assertThat(expunge("Mac OS X Mail", "16.0").device())
                .isEqualTo("'Mac OS X Mail' 16.0 at 192.0.2.14 (imap session 23MGy0thutZ/AAAB)");
        assertThat(expunge(null, null).device())
                .isEqualTo("a client that gave no name, at 192.0.2.14 (imap session 23MGy0thutZ/AAAB)");
    }

    @Test
    void itGoesThroughJsonUnchangedAndTheSameLineHasTheSameId() {
        ServerLogEvent event = expunge("iPhone Mail", null);
        JsonSerde<ServerLogEvent> serde = new JsonSerde<>(ServerLogEvent.class);
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", event))).isEqualTo(event);
        assertThat(event.eventId()).isEqualTo(ServerLogEvent.eventId("dovecot", "/var/log/dovecot.log:1042:expunge ..."))
                .isNotEqualTo(ServerLogEvent.eventId("dovecot", "/var/log/dovecot.log:1043:expunge ..."));
        assertThat(Topics.ALL).contains(Topics.SERVER_LOG);
    }
}
