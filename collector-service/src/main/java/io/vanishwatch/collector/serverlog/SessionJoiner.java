package io.vanishwatch.collector.serverlog;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.vanishwatch.events.ServerLogEvent;
import io.vanishwatch.events.ServerLogEvent.Action;

/**
 * Joins the lines of one server session — the IMAP ID the client gave before login, the login, the mail_log lines —
 * by session id into {@link ServerLogEvent}s of watched accounts. Remembers a session until it disconnects, has been
 * idle for {@code idleLimit} (by the log's own clock), or is the oldest of more than {@code maxSessions}.
 */
public final class SessionJoiner {

    /** What became of one line. */
    public enum Outcome {
        /** It is a {@link ServerLogEvent}. */
        PARSED,
        /** Understood, nothing to publish (a save, a disconnect, an ID). */
        SKIPPED,
        /** About a user no account is watched for. */
        UNWATCHED,
        /** Not a line the parser knows. */
        UNKNOWN
    }

    /** A line's outcome and, for {@link Outcome#PARSED}, its event. */
    public record Joined(Outcome outcome, ServerLogEvent event) {
        static final Joined SKIPPED = new Joined(Outcome.SKIPPED, null);
        static final Joined UNWATCHED = new Joined(Outcome.UNWATCHED, null);
        static final Joined UNKNOWN = new Joined(Outcome.UNKNOWN, null);
    }

    private static final class Session {
        String protocol;
        String user;
        String clientIp;
        String clientName;
        String clientVersion;
        Instant lastSeen;
    }

    private final Map<String, String> accountsByUser;
    private final String source;
    private final Duration idleLimit;
    private final int maxSessions;
    private final LinkedHashMap<String, Session> sessions = new LinkedHashMap<>(256, 0.75f, true);

    /**
     * @param accountsByUser the server's user names mapped to the account ids they belong to
     * @param source         the source named in every event ("dovecot")
     */
    public SessionJoiner(Map<String, String> accountsByUser, String source, Duration idleLimit, int maxSessions) {
        this.accountsByUser = Map.copyOf(accountsByUser);
        this.source = source;
        this.idleLimit = idleLimit;
        this.maxSessions = maxSessions;
    }

    /**
     * Takes the next line's record (null for a line the parser did not understand).
     *
     * @param identity what identifies the line where it was read (file, offset and text): the event's id
     */
    public Joined accept(LogRecord record, String identity) {
        if (record == null) {
            return Joined.UNKNOWN;
        }
        forgetIdle(record.at());
        if (record instanceof LogRecord.MailAction action) {
            return mailAction(action, identity);
        }
        if (record instanceof LogRecord.Login login) {
            return login(login, identity);
        }
        if (record instanceof LogRecord.LoginFailed failed) {
            return loginFailed(failed, identity);
        }
        if (record instanceof LogRecord.ClientId id) {
            Session session = session(id.session(), id.protocol(), id.at());
            session.clientName = id.name();
            session.clientVersion = id.version();
            session.clientIp = id.clientIp() == null ? session.clientIp : id.clientIp();
            session.user = id.user() == null ? session.user : id.user();
            return Joined.SKIPPED;
        }
        if (record instanceof LogRecord.SessionEnd end) {
            sessions.remove(end.session());
        }
        return Joined.SKIPPED;
    }

    private Joined login(LogRecord.Login login, String identity) {
        String account = accountsByUser.get(login.user());
        if (account == null) {
            sessions.remove(login.session());
            return Joined.UNWATCHED;
        }
        Session session = session(login.session(), login.protocol(), login.at());
        session.user = login.user();
        session.clientIp = login.clientIp();
        return event(identity, Action.LOGIN_OK, account, session, login.session(), null, null, null, null,
                Set.of(), null, null, login.at());
    }

    private Joined loginFailed(LogRecord.LoginFailed failed, String identity) {
        Session session = sessions.remove(failed.session());
        String account = failed.user() == null ? null : accountsByUser.get(failed.user());
        if (account == null) {
            return Joined.UNWATCHED;
        }
        Session known = session == null ? new Session() : session;
        known.protocol = failed.protocol();
        known.user = failed.user();
        known.clientIp = failed.clientIp();
        return event(identity, Action.LOGIN_FAILED, account, known, failed.session(), null, null, null, null,
                Set.of(), failed.reason(), null, failed.at());
    }

    private Joined mailAction(LogRecord.MailAction action, String identity) {
        String account = accountsByUser.get(action.user());
        if (account == null) {
            return Joined.UNWATCHED;
        }
        Session session = session(action.session(), action.protocol(), action.at());
        session.user = action.user();
        if (action.clientIp() != null) {
            session.clientIp = action.clientIp();
        }
        return switch (action.kind()) {
            case EXPUNGE -> event(identity, Action.EXPUNGE, account, session, action.session(), action.box(),
                    action.uid(), action.messageId(), null, action.flags(), null, null, action.at());
            case DELETE -> event(identity, Action.DELETE_FLAG_SET, account, session, action.session(), action.box(),
                    action.uid(), action.messageId(), null, action.flags(), null, null, action.at());
            // Dovecot logs the copy's UID in the destination; the source UID is not in the line
            case COPY -> event(identity, Action.COPY, account, session, action.session(), action.fromBox(), null,
                    action.messageId(), action.box(), action.flags(), null, action.uid(), action.at());
            // POP3 sets \Seen when a message is retrieved (RETR): that is the only trace of a download
            case FLAG_CHANGE -> event(identity, "pop3".equals(session.protocol) && action.flags().contains("\\Seen")
                            ? Action.POP3_RETRIEVE : Action.FLAGS_CHANGED, account, session, action.session(),
                    action.box(), action.uid(), action.messageId(), null, action.flags(), null, null, action.at());
        };
    }

    private Joined event(String identity, Action action, String account, Session session, String sessionId,
                         String folder, Long uid, String messageId, String destination, Set<String> flags,
                         String reason, Long destinationUid, Instant at) {
        return new Joined(Outcome.PARSED, new ServerLogEvent(ServerLogEvent.eventId(source, identity), action, account,
                session.user, folder, uid, messageId, destination, flags, sessionId, session.protocol,
                session.clientIp, session.clientName, session.clientVersion, reason, at, source, destinationUid));
    }

    private Session session(String id, String protocol, Instant at) {
        Session session = sessions.get(id);
        if (session == null) {
            session = new Session();
            sessions.put(id, session);
            while (sessions.size() > maxSessions) {
                Iterator<String> eldest = sessions.keySet().iterator();
                eldest.next();
                eldest.remove();
            }
        }
        if (session.protocol == null) {
            session.protocol = protocol;
        }
        session.lastSeen = at;
        return session;
    }

    private void forgetIdle(Instant now) {
        Instant cutoff = now.minus(idleLimit);
        Iterator<Session> oldest = sessions.values().iterator();
        while (oldest.hasNext()) {
            Session session = oldest.next();
            if (!session.lastSeen.isBefore(cutoff)) {
                break;
            }
            oldest.remove();
        }
    }

    /** Sessions remembered now. */
    public int sessions() {
        return sessions.size();
    }
}
