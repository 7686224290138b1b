package io.vanishwatch.analyzer.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.RemovedBy;
import io.vanishwatch.events.ServerLogEvent;

/**
 * The decisions that name the device behind a {@link Disappearance} from the mail server's own records: which records
 * are about the removed message (by Message-ID, else folder and UID, close enough in time), which session removed it
 * (the one that expunged it), and how (after \Deleted, a MOVE, a POP3 download-and-delete).
 */
public final class Attribution {

    /** What the server records that can be part of a message leaving a folder. */
    public static final Set<ServerLogEvent.Action> REMOVAL_ACTIONS = Set.of(ServerLogEvent.Action.EXPUNGE,
            ServerLogEvent.Action.COPY, ServerLogEvent.Action.DELETE_FLAG_SET, ServerLogEvent.Action.POP3_RETRIEVE);

    /**
     * The device found for a disappearance.
     *
     * @param removedBy the session and how it removed the message
     * @param device    how a person names that session ({@link ServerLogEvent#device()})
     * @param expunged  whether the server's record of the expunge itself was found; until then the device is the
     *                  session that copied, flagged or retrieved it, and a later record may still say more
     */
    public record Found(RemovedBy removedBy, String device, boolean expunged) {
    }

    private Attribution() {
    }

    /** Whether a server record can be part of a removal, and so is kept to be joined. */
    public static boolean isRemoval(ServerLogEvent record) {
        return record.action() != null && REMOVAL_ACTIONS.contains(record.action()) && record.account() != null
                && record.at() != null && record.folder() != null && (record.messageId() != null || record.uid() != null);
    }

    /** The earliest time a record about this disappearance can have: its window before the removal could happen. */
    public static Instant searchFrom(Disappearance d, Duration window) {
        Instant from = d.lastSeenAt() != null && d.lastSeenAt().isBefore(d.removedAt()) ? d.lastSeenAt() : d.removedAt();
        return from.minus(window);
    }

    /** The latest time a record about this disappearance can have. */
    public static Instant searchTo(Disappearance d, Duration window) {
        return d.removedAt().plus(window);
    }

    /**
     * Whether a server record is about the message of a disappearance: the same folder, the same Message-ID (or,
     * where either has none, the same UID), within the window of when the removal can have happened.
     */
    public static boolean isAbout(ServerLogEvent record, Disappearance d, Duration window) {
        if (!isRemoval(record) || !Objects.equals(record.account(), d.account()) || !sameFolder(record.folder(), d.folder())) {
            return false;
        }
        if (record.at().isBefore(searchFrom(d, window)) || record.at().isAfter(searchTo(d, window))) {
            return false;
        }
        if (record.messageId() != null && d.messageId() != null) {
            return record.messageId().equals(d.messageId());
        }
        return record.uid() != null && record.uid() == d.uid();
    }

    /**
     * The device that removed the message, from the server records about it (others are ignored): by Message-ID where
     * any record has it, else by folder and UID. The session that expunged it (the one nearest the removal, if
     * several) removed it; the same session's COPY makes it a MOVE, its \Deleted a delete, POP3 a
     * download-and-delete. With no expunge recorded yet, the latest copy, \Deleted or retrieval stands in.
     */
    public static Optional<Found> attribute(Disappearance d, List<ServerLogEvent> records, Duration window) {
        List<ServerLogEvent> about = records.stream().filter(r -> isAbout(r, d, window)).toList();
        if (about.isEmpty()) {
            return Optional.empty();
        }
        Comparator<ServerLogEvent> nearest = Comparator.comparing(r -> Duration.between(r.at(), d.removedAt()).abs());
        Optional<ServerLogEvent> expunge = about.stream()
                .filter(r -> r.action() == ServerLogEvent.Action.EXPUNGE).min(nearest);
        ServerLogEvent remover = expunge.orElseGet(() -> about.stream().max(Comparator.comparing(ServerLogEvent::at))
                .orElseThrow());
        List<ServerLogEvent> session = about.stream().filter(r -> Objects.equals(r.session(), remover.session())).toList();
        Optional<ServerLogEvent> copy = session.stream().filter(r -> r.action() == ServerLogEvent.Action.COPY)
                .max(Comparator.comparing(ServerLogEvent::at));
        RemovedBy.Action action;
        if ("pop3".equalsIgnoreCase(remover.protocol())
                || session.stream().anyMatch(r -> r.action() == ServerLogEvent.Action.POP3_RETRIEVE)) {
            action = RemovedBy.Action.POP3_RETRIEVE_AND_DELETE;
        } else if (copy.isPresent()) {
            action = RemovedBy.Action.MOVE;
        } else if (session.stream().anyMatch(r -> r.action() == ServerLogEvent.Action.DELETE_FLAG_SET)) {
            action = RemovedBy.Action.EXPUNGE_AFTER_DELETE;
        } else {
            action = RemovedBy.Action.EXPUNGE;
        }
        RemovedBy removedBy = RemovedBy.of(remover, action,
                copy.map(ServerLogEvent::destinationFolder).orElse(null));
        return Optional.of(new Found(removedBy, remover.device(), expunge.isPresent()));
    }

    /** The disappearance with the device found, if any. */
    public static Disappearance attributed(Disappearance d, Optional<Found> found) {
        return found.map(f -> d.withRemovedBy(f.device(), f.removedBy())).orElse(d);
    }

    /** INBOX is case-insensitive in IMAP; every other name is exact. */
    private static boolean sameFolder(String a, String b) {
        return a.equals(b) || ("INBOX".equalsIgnoreCase(a) && "INBOX".equalsIgnoreCase(b));
    }
}
