package io.vanishwatch.notifier.silence;

import java.time.Duration;
import java.time.Instant;

import io.vanishwatch.events.Silence;

/** Where a silence stands at an instant: not started, muting, or over (Alertmanager's three states). */
public enum SilenceState {
    PENDING, ACTIVE, EXPIRED;

    /** Pending before {@code startsAt}, active from it until {@code endsAt} (exclusive), expired from then on. */
    public static SilenceState of(Silence silence, Instant now) {
        if (now.isBefore(silence.startsAt())) {
            return PENDING;
        }
        return now.isBefore(silence.endsAt()) ? ACTIVE : EXPIRED;
    }

    /**
     * The silence expired at {@code now}: it ends now, and a pending one also starts now (so it never muted). An
     * expired silence is returned as it is.
     */
    public static Silence expire(Silence silence, Instant now) {
        return switch (of(silence, now)) {
            case EXPIRED -> silence;
            case ACTIVE -> new Silence(silence.id(), silence.matchers(), silence.startsAt(), now,
                    silence.createdBy(), silence.comment(), now);
            case PENDING -> new Silence(silence.id(), silence.matchers(), now, now,
                    silence.createdBy(), silence.comment(), now);
        };
    }

    /** Whether the silence ended more than {@code retention} ago, so that it may be forgotten (tombstoned). */
    public static boolean forgettable(Silence silence, Instant now, Duration retention) {
        return silence.endsAt().plus(retention).isBefore(now);
    }
}
