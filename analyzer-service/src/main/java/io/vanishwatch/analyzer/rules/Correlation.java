package io.vanishwatch.analyzer.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.MailboxEvent;

/**
 * The decisions that turn a removal into a {@link Disappearance}: was it moved (the same message arrived in another
 * watched folder of the account close in time, before or after) or is it gone from the server; how long did it stay;
 * was it read.
 */
public final class Correlation {

    private Correlation() {
    }

    /**
     * Whether an arrival in {@code arrivedIn} at {@code arrivedAt} is where a message removed from {@code removedFrom}
     * at {@code removedAt} went: another folder, within the window on either side.
     */
    public static boolean isMoveOf(String removedFrom, Instant removedAt, String arrivedIn, Instant arrivedAt,
                                   Duration window) {
        if (Objects.equals(removedFrom, arrivedIn) || removedAt == null || arrivedAt == null) {
            return false;
        }
        return Duration.between(removedAt, arrivedAt).abs().compareTo(window) <= 0;
    }

    /** Whether a recent arrival explains a pending removal. */
    public static boolean isMoveOf(PendingRemoval removal, RecentArrival arrival, Duration window) {
        return isMoveOf(removal.message().folder(), removal.removedAt(), arrival.folder(), arrival.observedAt(), window);
    }

    /**
     * Whether no arrival can explain the removal any more: the wall clock has passed its decision time, or the
     * account's own events have moved on beyond the window (a backlog being caught up).
     *
     * @param accountEventTime the observedAt of the account's latest event, or null
     */
    public static boolean isGone(PendingRemoval removal, long nowMs, Instant accountEventTime, Duration window) {
        if (nowMs >= removal.decideAtMs()) {
            return true;
        }
        return accountEventTime != null && accountEventTime.isAfter(removal.removedAt().plus(window));
    }

    /** When the message arrived in the folder it left: the ARRIVED's time, else its INTERNALDATE, else unknown. */
    public static Instant arrivedAt(KnownMessage message) {
        return message.arrivedAt() != null ? message.arrivedAt() : message.internalDate();
    }

    /** {@code removedAt - arrivedAt}, never negative (clocks of server and watcher differ); null when unknown. */
    public static Duration dwell(Instant arrivedAt, Instant removedAt) {
        if (arrivedAt == null || removedAt == null) {
            return null;
        }
        Duration dwell = Duration.between(arrivedAt, removedAt);
        return dwell.isNegative() ? Duration.ZERO : dwell;
    }

    /** Read before removal: \Seen in the last known flags (which include the REMOVED's own). */
    public static boolean read(KnownMessage message) {
        return message.flags().contains(MailboxEvent.SEEN);
    }

    /** The explanation of a message that went to another watched folder. */
    public static Disappearance moved(PendingRemoval removal, RecentArrival destination) {
        return explain(removal, destination);
    }

    /** The explanation of a message that arrived in no watched folder within the window. */
    public static Disappearance gone(PendingRemoval removal) {
        return explain(removal, null);
    }

    private static Disappearance explain(PendingRemoval removal, RecentArrival destination) {
        KnownMessage message = removal.message();
        Instant arrivedAt = arrivedAt(message);
        return new Disappearance(
                removal.account(),
                message.folder(),
                message.folderRole(),
                message.uidValidity(),
                message.uid(),
                message.messageId(),
                message.from(),
                message.subject(),
                arrivedAt,
                removal.removedAt(),
                removal.lastSeenAt(),
                dwell(arrivedAt, removal.removedAt()),
                read(message),
                destination == null ? Disappearance.Destination.GONE : Disappearance.Destination.MOVED,
                destination == null ? null : destination.folder(),
                destination == null ? null : destination.folderRole(),
                null,
                destination == null ? Disappearance.Basis.WINDOW_PASSED : Disappearance.Basis.ARRIVAL_SEEN,
                null,
                null);
    }
}
