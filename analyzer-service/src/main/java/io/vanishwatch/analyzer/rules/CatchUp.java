package io.vanishwatch.analyzer.rules;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * Whether a stream task has caught up with its input, as seen at each wall-clock tick: its stream time (the newest
 * event time it has processed) is within a margin of the wall clock, or has not moved for that long; only then may
 * the wall clock stand in for event time.
 *
 * @param streamTimeMs   the stream time at the latest tick
 * @param movedAtWallMs  the wall-clock time of the tick that first saw this stream time
 */
public record CatchUp(long streamTimeMs, long movedAtWallMs) {

    /** The first tick: nothing is known about progress before it. */
    public static CatchUp firstTick(long streamTimeMs, long wallMs) {
        return new CatchUp(streamTimeMs, wallMs);
    }

    /** The next tick. */
    public CatchUp tick(long newStreamTimeMs, long wallMs) {
        return newStreamTimeMs == streamTimeMs ? this : new CatchUp(newStreamTimeMs, wallMs);
    }

    /** Caught up: the newest event is at most {@code margin} older than the wall clock, or nothing moved for that long. */
    public boolean caughtUp(long wallMs, Duration margin) {
        long marginMs = margin.toMillis();
        return wallMs - streamTimeMs <= marginMs || wallMs - movedAtWallMs >= marginMs;
    }

    /**
     * The event time a wall-clock tick may act on: the wall clock less the margin (so events up to that late still
     * count as in time) once caught up, never less than the stream time; empty while catching up.
     */
    public OptionalLong eventTimeMs(long wallMs, Duration margin) {
        return caughtUp(wallMs, margin)
                ? OptionalLong.of(Math.max(streamTimeMs, wallMs - margin.toMillis()))
                : OptionalLong.empty();
    }
}
