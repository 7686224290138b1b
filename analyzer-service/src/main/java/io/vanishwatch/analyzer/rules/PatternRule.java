package io.vanishwatch.analyzer.rules;

import java.time.Duration;
import java.util.Objects;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.FolderRole;

/**
 * One pattern with its thresholds: which disappearances count toward it, and how many within how long make an alert.
 *
 * @param minCount    matching disappearances within {@code window} that make the alert fire
 * @param maxDwell    only messages removed at most this long after arriving count
 * @param window      the sliding window (on removal times) the {@code minCount} must fall in
 * @param quietPeriod with no matching disappearance for this long, the episode ends (RESOLVED)
 */
public record PatternRule(Alert.Pattern pattern, int minCount, Duration maxDwell, Duration window, Duration quietPeriod) {

    public PatternRule {
        Objects.requireNonNull(pattern, "pattern");
        if (minCount < 1) {
            throw new IllegalArgumentException("minCount must be at least 1, was " + minCount);
        }
        requirePositive("maxDwell", maxDwell);
        requirePositive("window", window);
        requirePositive("quietPeriod", quietPeriod);
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + value);
        }
    }

    /** The motivating case with its default thresholds. */
    public static PatternRule clientMovesToLocal(int minCount, Duration maxDwell, Duration window, Duration quietPeriod) {
        return new PatternRule(Alert.Pattern.CLIENT_MOVES_TO_LOCAL, minCount, maxDwell, window, quietPeriod);
    }

    public static PatternRule movedToJunk(int minCount, Duration maxDwell, Duration window, Duration quietPeriod) {
        return new PatternRule(Alert.Pattern.MOVED_TO_JUNK, minCount, maxDwell, window, quietPeriod);
    }

    public static PatternRule movedToFolder(int minCount, Duration maxDwell, Duration window, Duration quietPeriod) {
        return new PatternRule(Alert.Pattern.MOVED_TO_FOLDER, minCount, maxDwell, window, quietPeriod);
    }

    /**
     * Whether this disappearance is one of the pattern: an unread message that left INBOX within {@code maxDwell}
     * of arriving, and went nowhere on the server (CLIENT_MOVES_TO_LOCAL), to a Junk folder (MOVED_TO_JUNK), or to
     * any other folder but Trash (MOVED_TO_FOLDER: a user folder, Archive, All Mail).
     */
    public boolean counts(Disappearance d) {
        if (d.folderRole() != FolderRole.INBOX || d.readBeforeRemoval()
                || d.dwellTime() == null || d.dwellTime().compareTo(maxDwell) > 0) {
            return false;
        }
        return switch (pattern) {
            case CLIENT_MOVES_TO_LOCAL -> d.destination() == Disappearance.Destination.GONE;
            case MOVED_TO_JUNK -> d.destination() == Disappearance.Destination.MOVED && d.movedToRole() == FolderRole.JUNK;
            case MOVED_TO_FOLDER -> d.destination() == Disappearance.Destination.MOVED
                    && d.movedToRole() != FolderRole.JUNK && d.movedToRole() != FolderRole.TRASH;
            default -> false;
        };
    }

    /** Mail kept on a device looks lost to everybody else: critical. Mail in Junk is hidden, not lost: a warning. */
    public Alert.Severity severity() {
        return switch (pattern) {
            case CLIENT_MOVES_TO_LOCAL -> Alert.Severity.CRITICAL;
            case MOVED_TO_JUNK, MOVED_TO_FOLDER -> Alert.Severity.WARNING;
            default -> Alert.Severity.INFO;
        };
    }
}
