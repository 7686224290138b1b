package io.vanishwatch.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the collector saw happen to one message (or to its watch) in one folder: the raw fact the analyzer explains.
 *
 * @param lastSeenAt for a removal found on resync, the last time the message was still known to be there;
 *                   the removal happened in {@code [lastSeenAt, observedAt]}
 * @param watchState for {@link Type#WATCH_STATE} only, with {@code reason}
 * @param verdict    for {@link Type#REMOVED}, where the collector found the message right after it left, or that it
 *                   found it in no folder; null where no check was possible
 */
public record MailboxEvent(
        String eventId,
        Type type,
        String account,
        String folder,
        FolderRole folderRole,
        long uidValidity,
        long uid,
        String messageId,
        String from,
        String subject,
        long size,
        Instant internalDate,
        Set<String> flags,
        Instant observedAt,
        DetectedBy detectedBy,
        Instant lastSeenAt,
        WatchState watchState,
        String reason,
        Verdict verdict) {

    /**
     * What happened. {@code FOLDER_ADDED} and {@code FOLDER_REMOVED} follow folders created and deleted while
     * watching: the messages of a new folder then arrive in it, those of a deleted one are removed with a verdict.
     */
    public enum Type {
        ARRIVED, REMOVED, FLAGS_CHANGED, FOLDER_RESYNCED, UIDVALIDITY_CHANGED, WATCH_STATE, FOLDER_ADDED, FOLDER_REMOVED
    }

    /**
     * How the change was found: IDLE on the live connection, a resynchronisation against the last checkpoint (after
     * a start or reconnect, or on the timer), or the scout that follows the account's other folders.
     */
    public enum DetectedBy { IDLE, RESYNC, SCOUT }

    public enum WatchState { CONNECTED, AUTH_FAILED, UNREACHABLE, TLS_FAILED }

    /** The IMAP system flag that marks a message as read. */
    public static final String SEEN = "\\Seen";

    public MailboxEvent {
        flags = flags == null ? Set.of() : Set.copyOf(new TreeSet<>(flags));
    }

    public boolean seen() {
        return flags.contains(SEEN);
    }

    /**
     * A deterministic id, so that a re-published event is recognisably the same event. A flag change also
     * hashes the new flags: two different changes to one message are two events.
     */
    public static String eventId(String account, String folder, long uidValidity, long uid, Type type, Set<String> flags) {
        StringBuilder identity = new StringBuilder()
                .append(account).append('\u0000').append(folder).append('\u0000')
                .append(uidValidity).append('\u0000').append(uid).append('\u0000').append(type);
        if (type == Type.FLAGS_CHANGED && flags != null) {
            identity.append('\u0000').append(String.join(" ", new TreeSet<>(flags)));
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * A message event (ARRIVED, REMOVED, FLAGS_CHANGED); its id is derived from what identifies it. A message arrives
     * in and leaves a folder once per UID, but its flags may go back and forth (read, unread, read again): a flag
     * change's id also carries the time it was seen.
     */
    public static MailboxEvent message(Type type, String account, String folder, FolderRole folderRole,
                                       long uidValidity, long uid, MessageSummary message,
                                       Instant observedAt, DetectedBy detectedBy, Instant lastSeenAt) {
        String id = eventId(account, folder, uidValidity, uid, type, message.flags())
                + (type == Type.FLAGS_CHANGED ? "-" + observedAt.toEpochMilli() : "");
        return new MailboxEvent(id, type, account, folder,
                folderRole, uidValidity, uid, message.messageId(), message.from(), message.subject(), message.size(),
                message.internalDate(), message.flags(), observedAt, detectedBy, lastSeenAt, null, null, null);
    }

    /** A REMOVED with the collector's verdict on where the message is now. */
    public static MailboxEvent removed(String account, String folder, FolderRole folderRole, long uidValidity, long uid,
                                       MessageSummary message, Instant observedAt, DetectedBy detectedBy,
                                       Instant lastSeenAt, Verdict verdict) {
        return message(Type.REMOVED, account, folder, folderRole, uidValidity, uid, message, observedAt, detectedBy,
                lastSeenAt).withVerdict(verdict);
    }

    /** The same event with the collector's verdict (the event id stays: a verdict does not make another event). */
    public MailboxEvent withVerdict(Verdict newVerdict) {
        return new MailboxEvent(eventId, type, account, folder, folderRole, uidValidity, uid, messageId, from, subject,
                size, internalDate, flags, observedAt, detectedBy, lastSeenAt, watchState, reason, newVerdict);
    }

    /** A folder-level event (FOLDER_RESYNCED, UIDVALIDITY_CHANGED, FOLDER_ADDED, FOLDER_REMOVED). */
    public static MailboxEvent folder(Type type, String account, String folder, FolderRole folderRole,
                                      long uidValidity, Instant observedAt, DetectedBy detectedBy, String reason) {
        String id = eventId(account, folder, uidValidity, -1, type, null) + "-" + observedAt.toEpochMilli();
        return new MailboxEvent(id, type, account, folder, folderRole, uidValidity, -1, null, null, null, 0, null,
                null, observedAt, detectedBy, null, null, reason, null);
    }

    /** The state of a watch: connected, or why it cannot read the mailbox. The reason never holds a secret. */
    public static MailboxEvent watchState(String account, String folder, FolderRole folderRole,
                                          WatchState state, String reason, Instant observedAt) {
        String id = eventId(account, folder, 0, -1, Type.WATCH_STATE, null) + "-" + observedAt.toEpochMilli();
        return new MailboxEvent(id, Type.WATCH_STATE, account, folder, folderRole, 0, -1, null, null, null, 0, null,
                null, observedAt, null, null, state, reason, null);
    }

    /** The message as described in this event. */
    public MessageSummary summary() {
        return new MessageSummary(messageId, from, subject, size, internalDate, flags);
    }
}
