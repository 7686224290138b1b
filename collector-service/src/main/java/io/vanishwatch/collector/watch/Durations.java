package io.vanishwatch.collector.watch;

import java.time.Duration;

/** How the watch words and compares its waits. */
public final class Durations {

    private Durations() {
    }

    /** The shortest of the waits given (nulls ignored), never negative. */
    static Duration shortest(Duration... waits) {
        Duration shortest = null;
        for (Duration wait : waits) {
            if (wait != null && (shortest == null || wait.compareTo(shortest) < 0)) {
                shortest = wait;
            }
        }
        return shortest == null || shortest.isNegative() ? Duration.ZERO : shortest;
    }

    /** "800ms", "15s", "5m", "1m30s". */
    public static String human(Duration d) {
        if (d.toMillis() < 1000) {
            return d.toMillis() + "ms";
        }
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds / 60 + "m" + seconds % 60 + "s";
    }
}
