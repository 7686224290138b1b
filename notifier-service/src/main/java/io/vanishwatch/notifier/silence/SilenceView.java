package io.vanishwatch.notifier.silence;

import java.time.Instant;
import java.util.List;

import io.vanishwatch.events.Silence;

/** A silence as the REST API shows it: as written, with its state at the time of the answer. */
public record SilenceView(
        String id,
        List<Silence.Matcher> matchers,
        Instant startsAt,
        Instant endsAt,
        String createdBy,
        String comment,
        Instant updatedAt,
        SilenceState state) {

    public static SilenceView of(Silence silence, Instant now) {
        return new SilenceView(silence.id(), silence.matchers(), silence.startsAt(), silence.endsAt(),
                silence.createdBy(), silence.comment(), silence.updatedAt(), SilenceState.of(silence, now));
    }
}
