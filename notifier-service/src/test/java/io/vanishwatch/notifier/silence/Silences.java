package io.vanishwatch.notifier.silence;

import io.vanishwatch.notifier.routing.AlertLabels;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.vanishwatch.events.Silence;
import io.vanishwatch.events.Silence.Matcher.Operator;

/** Silences for the tests. */
final class Silences {

    static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    private Silences() {
    }

    static Silence.Matcher matcher(String label, Operator operator, String value) {
        return new Silence.Matcher(label, value, operator);
    }

    static Silence silence(Instant startsAt, Instant endsAt, Silence.Matcher... matchers) {
        return new Silence(UUID.randomUUID().toString(), List.of(matchers), startsAt, endsAt, "support-desk",
                "moving the office's mailboxes", startsAt);
    }

    static Silence account(String account, Instant startsAt, Instant endsAt) {
        return silence(startsAt, endsAt, matcher(AlertLabels.ACCOUNT, Operator.EQUAL, account));
    }
}
