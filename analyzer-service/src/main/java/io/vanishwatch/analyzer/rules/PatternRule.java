package io.vanishwatch.analyzer.rules;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
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

    public static PatternRule deletedUnread(int minCount, Duration maxDwell, Duration window, Duration quietPeriod) {
        return new PatternRule(Alert.Pattern.DELETED_UNREAD, minCount, maxDwell, window, quietPeriod);
    }

    /** {@code minCount} removals in {@code window}, whatever their age; {@code maxDwell} plays no part. */
    public static PatternRule massRemoval(int minCount, Duration window, Duration quietPeriod) {
        return new PatternRule(Alert.Pattern.MASS_REMOVAL, minCount, ChronoUnit.FOREVER.getDuration(), window, quietPeriod);
    }

    /** {@code minCount} is the number of batches at a near-fixed interval that make the pattern. */
    public static PatternRule downloadAndDelete(int batches, Duration maxDwell, Duration window, Duration quietPeriod) {
        return new PatternRule(Alert.Pattern.DOWNLOAD_AND_DELETE, batches, maxDwell, window, quietPeriod);
    }

    /** Fires on the first reset; ends after {@code quietPeriod} without another. */
    public static PatternRule mailboxReset(Duration quietPeriod) {
        return new PatternRule(Alert.Pattern.MAILBOX_RESET, 1, quietPeriod, quietPeriod, quietPeriod);
    }

    /** Fires once the watch has been blind for {@code grace} (kept as the window); ends when it is back. */
    public static PatternRule watcherBlind(Duration grace) {
        return new PatternRule(Alert.Pattern.WATCHER_BLIND, 1, grace, grace, grace);
    }

    /** {@code minCount} failed logins to the account within {@code window}; ends {@code quietPeriod} after the latest. */
    public static PatternRule loginFailures(int minCount, Duration window, Duration quietPeriod) {
        return new PatternRule(Alert.Pattern.LOGIN_FAILURES, minCount, window, window, quietPeriod);
    }

    /** Fires on the first new client name or address; ends after {@code quietPeriod} without another. */
    public static PatternRule newDevice(Duration quietPeriod) {
        return new PatternRule(Alert.Pattern.NEW_DEVICE, 1, quietPeriod, quietPeriod, quietPeriod);
    }

    /** For {@link Alert.Pattern#WATCHER_BLIND}: how long a watch may be blind before it is said. */
    public Duration grace() {
        return window;
    }

    /**
     * Whether this disappearance is one of the pattern.
     * <ul>
     * <li>Unread mail that left INBOX within {@code maxDwell} of arriving: and went nowhere on the server
     * (CLIENT_MOVES_TO_LOCAL), to a Junk folder (MOVED_TO_JUNK), to Trash (DELETED_UNREAD), or to any other folder
     * (MOVED_TO_FOLDER: a user folder, Archive, All Mail).</li>
     * <li>DOWNLOAD_AND_DELETE: mail gone from INBOX within {@code maxDwell}, read or not (batches are the tracker's).</li>
     * <li>MASS_REMOVAL: any message, of any age, read or not, gone from the server or moved to Trash from any folder
     * but Trash and Junk (emptying those is housekeeping).</li>
     * </ul>
     * MAILBOX_RESET and WATCHER_BLIND are about the watch, LOGIN_FAILURES and NEW_DEVICE about logins, not about
     * messages: no disappearance counts.
     */
    public boolean counts(Disappearance d) {
        return switch (pattern) {
            case MASS_REMOVAL -> d.folderRole() != FolderRole.TRASH && d.folderRole() != FolderRole.JUNK
                    && (d.destination() == Disappearance.Destination.GONE || d.movedToRole() == FolderRole.TRASH);
            case DOWNLOAD_AND_DELETE -> newInInbox(d) && d.destination() == Disappearance.Destination.GONE;
            case MAILBOX_RESET, WATCHER_BLIND, LOGIN_FAILURES, NEW_DEVICE -> false;
            default -> newInInbox(d) && !d.readBeforeRemoval() && unreadDestination(d);
        };
    }

    private boolean newInInbox(Disappearance d) {
        return d.folderRole() == FolderRole.INBOX && d.dwellTime() != null && d.dwellTime().compareTo(maxDwell) <= 0;
    }

    private boolean unreadDestination(Disappearance d) {
        boolean moved = d.destination() == Disappearance.Destination.MOVED;
        return switch (pattern) {
            case CLIENT_MOVES_TO_LOCAL -> d.destination() == Disappearance.Destination.GONE;
            case MOVED_TO_JUNK -> moved && d.movedToRole() == FolderRole.JUNK;
            case DELETED_UNREAD -> moved && d.movedToRole() == FolderRole.TRASH;
            case MOVED_TO_FOLDER -> moved && d.movedToRole() != FolderRole.JUNK && d.movedToRole() != FolderRole.TRASH;
            default -> false;
        };
    }

    /**
     * Mail kept on a device looks lost to everybody else, mass removal may be a break-in, and a blind watch sees
     * nothing: critical. Mail hidden in Junk, filed, deleted by a rule or taken by a POP-style device: a warning. A
     * mailbox rebuilt by the server: information. Logins that keep failing: a warning (a changed password, or
     * someone guessing it); a new device: information.
     */
    public Alert.Severity severity() {
        return switch (pattern) {
            case CLIENT_MOVES_TO_LOCAL, MASS_REMOVAL, WATCHER_BLIND -> Alert.Severity.CRITICAL;
            case MOVED_TO_JUNK, MOVED_TO_FOLDER, DELETED_UNREAD, DOWNLOAD_AND_DELETE, LOGIN_FAILURES ->
                    Alert.Severity.WARNING;
            case MAILBOX_RESET, NEW_DEVICE -> Alert.Severity.INFO;
        };
    }
}
