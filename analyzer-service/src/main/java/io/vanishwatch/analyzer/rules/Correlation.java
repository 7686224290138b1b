package io.vanishwatch.analyzer.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.Verdict;

/**
 * The decisions that turn a removal into a {@link Disappearance}: where it went (by the collector's verdict where it
 * could check, else by the same message arriving in another watched folder close in time, before or after, else
 * gone once the window has passed in event time); how long it stayed; was it read.
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

    /**
     * Whether a recent arrival explains a pending removal: another folder, and the times each can have happened come
     * within the window. A change found on resync happened somewhere in {@code [lastSeenAt, observedAt]}, so after a
     * gap in the watch a removal and an arrival found on either side of it still meet.
     */
    public static boolean isMoveOf(PendingRemoval removal, RecentArrival arrival, Duration window) {
        if (Objects.equals(removal.message().folder(), arrival.folder())) {
            return false;
        }
        Instant removedFrom = earliest(removal.lastSeenAt(), removal.removedAt());
        Instant arrivedFrom = earliest(arrival.lastSeenAt(), arrival.observedAt());
        Instant laterStart = removedFrom.isAfter(arrivedFrom) ? removedFrom : arrivedFrom;
        Instant earlierEnd = removal.removedAt().isBefore(arrival.observedAt()) ? removal.removedAt() : arrival.observedAt();
        return !laterStart.isAfter(earlierEnd.plus(window));
    }

    private static Instant earliest(Instant lastSeenAt, Instant observedAt) {
        return lastSeenAt != null && lastSeenAt.isBefore(observedAt) ? lastSeenAt : observedAt;
    }

    /**
     * Whether no arrival can explain a removal without a verdict any more, at event time {@code eventTime} (the
     * account's latest event, or the stream time): never while the account's watch is blind, and only once the window
     * has passed since the removal, or since the watch could see again if it was blind after the removal.
     *
     * @param watch the account's watch status, null when none was ever reported
     */
    public static boolean isGone(PendingRemoval removal, Instant eventTime, WatchStatus watch, Duration window) {
        if (eventTime == null || (watch != null && watch.blind())) {
            return false;
        }
        Instant from = removal.removedAt();
        if (watch != null && watch.since() != null && watch.since().isAfter(from)) {
            from = watch.since();
        }
        return eventTime.isAfter(from.plus(window));
    }

    /**
     * Whether an arrival is too old, at event time {@code eventTime}, to explain any removal still to come: twice the
     * window, so a removal published a little after an arrival observed later still finds it.
     */
    public static boolean isStale(RecentArrival arrival, Instant eventTime, Duration window) {
        return eventTime.isAfter(arrival.observedAt().plus(window).plus(window));
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

    /**
     * The explanation of a removal that carries the collector's verdict, decided at once: MOVED to the folder it was
     * found in, or GONE when it was in no folder, with the time of the check and the folders checked.
     *
     * @param message what was known of the message at its removal
     * @param removed the REMOVED event, with its verdict
     */
    public static Disappearance checked(KnownMessage message, MailboxEvent removed) {
        Verdict verdict = Objects.requireNonNull(removed.verdict(), "a checked removal carries a verdict");
        boolean found = verdict.location() == Verdict.Location.IN_FOLDER;
        return explain(removed.account(), message, removed.observedAt(), removed.lastSeenAt(),
                found ? Disappearance.Destination.MOVED : Disappearance.Destination.GONE,
                found ? verdict.folder() : null, found ? verdict.folderRole() : null,
                Disappearance.Basis.FOLDER_CHECK, verdict.checkedAt(), verdict.foldersChecked());
    }

    /** The explanation of a message without a verdict that was seen arriving in another watched folder. */
    public static Disappearance moved(PendingRemoval removal, RecentArrival destination) {
        return explain(removal.account(), removal.message(), removal.removedAt(), removal.lastSeenAt(),
                Disappearance.Destination.MOVED, destination.folder(), destination.folderRole(),
                Disappearance.Basis.ARRIVAL_SEEN, null, null);
    }

    /** The explanation of a message without a verdict that arrived in no watched folder within the window. */
    public static Disappearance gone(PendingRemoval removal) {
        return explain(removal.account(), removal.message(), removal.removedAt(), removal.lastSeenAt(),
                Disappearance.Destination.GONE, null, null, Disappearance.Basis.WINDOW_PASSED, null, null);
    }

    private static Disappearance explain(String account, KnownMessage message, Instant removedAt, Instant lastSeenAt,
                                         Disappearance.Destination destination, String movedTo,
                                         FolderRole movedToRole, Disappearance.Basis basis,
                                         Instant checkedAt, List<String> foldersChecked) {
        Instant arrivedAt = arrivedAt(message);
        return new Disappearance(
                account,
                message.folder(),
                message.folderRole(),
                message.uidValidity(),
                message.uid(),
                message.messageId(),
                message.from(),
                message.subject(),
                arrivedAt,
                removedAt,
                lastSeenAt,
                dwell(arrivedAt, removedAt),
                read(message),
                destination,
                movedTo,
                movedToRole,
                null,
                basis,
                checkedAt,
                foldersChecked,
                null);
    }
}
