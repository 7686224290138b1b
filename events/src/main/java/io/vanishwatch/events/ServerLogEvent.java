package io.vanishwatch.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;

/**
 * One thing the mail server itself recorded about an account — a message expunged, copied, flagged, retrieved or
 * deleted over POP3, a login that worked or failed — with the session that did it: the client's address and the name
 * and version it gave in IMAP ID. Not Dovecot-specific: any server's or provider's audit records (Microsoft 365's
 * ClientIPAddress/ClientInfoString, Gmail's activity events) can be told this way.
 *
 * @param eventId           the identity of the record, from its source and the line (or record) it was read from, so
 *                          that a record read twice is recognisably the same
 * @param account           the Vanishwatch account id the server's user name belongs to
 * @param user              the user name the server logged
 * @param folder            the folder acted on (for COPY the source), null for logins
 * @param uid               the message's UID in {@code folder}, null where the server did not say
 * @param destinationFolder for COPY, where the copy went
 * @param flags             for FLAGS_CHANGED and DELETE_FLAG_SET, the message's flags after the change
 * @param session           the server's session id; every record of one connection shares it
 * @param protocol          {@code imap} or {@code pop3}
 * @param clientName        the name the client gave in IMAP ID ("Mac OS X Mail"), null when it gave none
 * @param reason            for LOGIN_FAILED, the server's reason ("auth failed, 1 attempts")
 * @param at                when the server recorded it
 * @param source            where the record came from ("dovecot")
 * @param destinationUid    for COPY, the copy's UID in {@code destinationFolder} (Dovecot's mail_log names only that
 *                          one: {@code uid} stays null), so the copy joins to its ARRIVED event there; null otherwise
 */
public record ServerLogEvent(
        String eventId,
        Action action,
        String account,
        String user,
        String folder,
        Long uid,
        String messageId,
        String destinationFolder,
        Set<String> flags,
        String session,
        String protocol,
        String clientIp,
        String clientName,
        String clientVersion,
        String reason,
        Instant at,
        String source,
        Long destinationUid) {

    /** What the server recorded. */
    public enum Action {
        /** The message left the folder for good (IMAP EXPUNGE, or a POP3 QUIT after DELE). */
        EXPUNGE,
        /** A copy was made in another folder (the first half of a MOVE; the expunge follows). */
        COPY,
        /** \Deleted was set: the message goes at the next expunge. */
        DELETE_FLAG_SET,
        /** Other flags changed (\Seen: read). */
        FLAGS_CHANGED,
        /** A POP3 client downloaded the message. */
        POP3_RETRIEVE,
        LOGIN_OK,
        LOGIN_FAILED
    }

    public ServerLogEvent {
        flags = flags == null ? Set.of() : Set.copyOf(new TreeSet<>(flags));
    }

    /** A record without a destination UID (everything but COPY): the contract's first seventeen components. */
    public ServerLogEvent(String eventId, Action action, String account, String user, String folder, Long uid,
                          String messageId, String destinationFolder, Set<String> flags, String session,
                          String protocol, String clientIp, String clientName, String clientVersion, String reason,
                          Instant at, String source) {
        this(eventId, action, account, user, folder, uid, messageId, destinationFolder, flags, session, protocol,
                clientIp, clientName, clientVersion, reason, at, source, null);
    }

    /** A deterministic id from the source and what identifies the record there (a log line's text and position). */
    public static String eventId(String source, String identity) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((source + '\u0000' + identity).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** "'Mac OS X Mail' 16.0 at 192.0.2.14 (imap session 23MGy0th)": how a person names the device. */
    public String device() {
        StringBuilder device = new StringBuilder();
        if (clientName != null && !clientName.isBlank()) {
            device.append('\'').append(clientName).append('\'');
            if (clientVersion != null && !clientVersion.isBlank()) {
                device.append(' ').append(clientVersion);
            }
            device.append(" at ");
        } else {
            device.append("a client that gave no name, at ");
        }
        device.append(clientIp == null ? "an unknown address" : clientIp);
        if (session != null) {
            device.append(" (").append(protocol == null ? "" : protocol + " ").append("session ").append(session).append(')');
        }
        return device.toString();
    }
}
