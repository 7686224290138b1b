package io.vanishwatch.collector.serverlog;

import java.time.Instant;
import java.util.Set;

/** What one line of a mail server's log said, before it is joined with the rest of its session. */
public sealed interface LogRecord {

    Instant at();

    /** The server's session id; every line of one connection, before and after login, shares it. */
    String session();

    /** {@code imap} or {@code pop3}. */
    String protocol();

    /** A login that worked. */
    record Login(Instant at, String protocol, String session, String user, String method, String clientIp)
            implements LogRecord {
    }

    /** A connection that tried to log in and failed; {@code reason} as the server said it ("auth failed, 1 attempts in 0 secs"). */
    record LoginFailed(Instant at, String protocol, String session, String user, String method, String clientIp,
                       String reason) implements LogRecord {
    }

    /** The name and version the client gave in IMAP ID, before login (login process) or after. */
    record ClientId(Instant at, String protocol, String session, String user, String clientIp, String name,
                    String version) implements LogRecord {
    }

    /** One message acted on, as the mail_log plugin wrote it. */
    record MailAction(Instant at, String protocol, String session, String user, String clientIp, Kind kind,
                      String box, String fromBox, Long uid, String messageId, Set<String> flags) implements LogRecord {

        /** The mail_log event. */
        public enum Kind {
            EXPUNGE, COPY, DELETE, FLAG_CHANGE
        }
    }

    /** The connection ended: its session can be forgotten. */
    record SessionEnd(Instant at, String protocol, String session) implements LogRecord {
    }

    /** A line the parser understood that says nothing to publish (a save, a mailbox created, the master starting). */
    record Ignored(Instant at) implements LogRecord {
        @Override
        public String session() {
            return null;
        }

        @Override
        public String protocol() {
            return null;
        }
    }
}
