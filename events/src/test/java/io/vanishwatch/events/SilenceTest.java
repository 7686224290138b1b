package io.vanishwatch.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class SilenceTest {

    @Test
    void aSilenceGoesThroughJsonUnchangedAndItsTopicIsCompactedAndCreatedWithTheOthers() {
        Silence silence = new Silence("5f0c", List.of(
                new Silence.Matcher("account", "office@example.org", Silence.Matcher.Operator.EQUAL),
                new Silence.Matcher("pattern", "MOVED_TO_.*", Silence.Matcher.Operator.REGEX)),
                Instant.parse("2026-03-02T09:00:00Z"), Instant.parse("2026-03-02T17:00:00Z"),
                "anna", "the office moves mailboxes today", Instant.parse("2026-03-02T08:59:00Z"));
        JsonSerde<Silence> serde = new JsonSerde<>(Silence.class);

        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", silence))).isEqualTo(silence);
        assertThat(Topics.SILENCES.compacted()).isTrue();
        assertThat(Topics.ALERTS.compacted()).isFalse();
        assertThat(Topics.ALL).contains(Topics.SILENCES);
    }
}
