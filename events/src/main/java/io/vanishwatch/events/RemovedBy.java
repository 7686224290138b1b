package io.vanishwatch.events;

import java.time.Instant;

/**
 * Which device removed a message, and how, as the mail server's own records tell: the session that expunged it, the
 * client's address and the name and version it gave in IMAP ID.
 *
 * @param clientName    the name the client gave in IMAP ID ("Mac OS X Mail"), null when it gave none
 * @param clientVersion the version it gave, null when none
 * @param clientIp      the session's remote address
 * @param session       the server's session id
 * @param protocol      {@code imap} or {@code pop3}
 * @param action        how the message left: an expunge, after \Deleted, a MOVE, or a POP3 download-and-delete
 * @param copiedTo      for {@link Action#MOVE}, the folder the same session copied it to
 * @param at            when the server recorded the removal
 */
public record RemovedBy(
        String clientName,
        String clientVersion,
        String clientIp,
        String session,
        String protocol,
        Action action,
        String copiedTo,
        Instant at) {

    /** How the message left the folder, as the server's records of one session show it. */
    public enum Action {
        /** Expunged with nothing else of the session recorded about it. */
        EXPUNGE,
        /** \Deleted set, then expunged: a delete. */
        EXPUNGE_AFTER_DELETE,
        /** Copied to another folder, then expunged, in the same session: an IMAP MOVE (or copy + delete). */
        MOVE,
        /** Retrieved and deleted by a POP3 client: "remove from server after retrieval". */
        POP3_RETRIEVE_AND_DELETE
    }

    /** The session of a server-log record, removing a message as {@code action}. */
    public static RemovedBy of(ServerLogEvent record, Action action, String copiedTo) {
        return new RemovedBy(record.clientName(), record.clientVersion(), record.clientIp(), record.session(),
                record.protocol(), action, copiedTo, record.at());
    }

    /** "moved to Junk (copy + expunge)": how the session removed the message, as a person says it. */
    public String how() {
        if (action == null) {
            return "removed";
        }
        return switch (action) {
            case EXPUNGE -> "expunged";
            case EXPUNGE_AFTER_DELETE -> "deleted (\\Deleted, then expunged)";
            case MOVE -> "moved" + (copiedTo == null ? "" : " to " + copiedTo) + " (copy + expunge)";
            case POP3_RETRIEVE_AND_DELETE -> "downloaded and deleted over POP3";
        };
    }

    /** Whether the removal came from a POP3 session. */
    public boolean pop3() {
        return "pop3".equalsIgnoreCase(protocol) || action == Action.POP3_RETRIEVE_AND_DELETE;
    }

    /**
     * "'Mac OS X Mail' at 192.0.2.14", "a POP3 client at 192.0.2.20": the device across its sessions, as a person
     * names it — name and address, without version or session, so that one device's removals count together.
     */
    public String device() {
        String ip = clientIp == null || clientIp.isBlank() ? "an unknown address" : clientIp;
        if (clientName != null && !clientName.isBlank()) {
            return "'" + clientName + "' at " + ip + (pop3() ? " over POP3" : "");
        }
        return (pop3() ? "a POP3 client" : "a client that gave no name") + " at " + ip;
    }
}
