package io.vanishwatch.collector.imap;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.util.Locale;

import javax.net.ssl.SSLException;

import org.eclipse.angus.mail.iap.CommandFailedException;
import org.eclipse.angus.mail.iap.ConnectionException;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;

import io.vanishwatch.collector.config.AccountSettings;
import io.vanishwatch.collector.imap.MailboxException.Failure;

/** Sorts what went wrong on an IMAP connection into what the watcher reports; never puts a secret in a reason. */
final class ImapFailures {

    private ImapFailures() {
    }

    /** A failed command: a folder that does not exist, or anything else, which the watcher answers by reconnecting. */
    static MailboxException of(String what, ProtocolException e) {
        String said = serverText(e);
        if (e instanceof CommandFailedException && names(said, "NONEXISTENT", "doesn't exist", "does not exist",
                "no such", "not found", "unknown mailbox")) {
            return new MailboxException(Failure.NO_SUCH_FOLDER, what + ": " + said, e);
        }
        String kind = e instanceof ConnectionException ? "connection closed" : said;
        return new MailboxException(Failure.CONNECTION_LOST, what + ": " + kind, e);
    }

    /**
     * A login the server refused: a wrong password, or (Dovecot's {@code [LIMIT]}, RFC 5530's {@code [UNAVAILABLE]},
     * Gmail's connection limit, Microsoft 365's throttling) too many connections or a server that cannot log anyone
     * in now, which no password change would fix.
     */
    static MailboxException authentication(ProtocolException e) {
        String said = serverText(e);
        if (names(said, "too many simultaneous connections")) {
            // Gmail: "[ALERT] Too many simultaneous connections. (Failure)"
            return new MailboxException(Failure.UNREACHABLE, "the server refused the login for now: " + said
                    + " (Gmail allows 15 IMAP connections per account, shared by every device and app)", e);
        }
        if (names(said, "throttled", "[THROTTLED]", "exceeded command or bandwidth limits")) {
            // Microsoft 365: "Request is throttled. Suggested Backoff Time: ... milliseconds"; Gmail's bandwidth limit
            return new MailboxException(Failure.UNREACHABLE, "the server is throttling this account for now: " + said,
                    e);
        }
        if (names(said, "[LIMIT]", "[UNAVAILABLE]", "maximum number of connections")) {
            return new MailboxException(Failure.UNREACHABLE, "the server refused the login for now: " + said, e);
        }
        return new MailboxException(Failure.AUTH_FAILED, "authentication failed: " + said, e);
    }

    /** A connection that could not be made or secured. */
    static MailboxException connect(Throwable e) {
        return connect(e, null);
    }

    /**
     * A connection to {@code account} that could not be made or secured; a TLS failure says what was wrong with the
     * server's certificate: expired, not trusted, or not for this host.
     */
    static MailboxException connect(Throwable e, AccountSettings account) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLException || cause instanceof GeneralSecurityException) {
                String where = account == null ? "" : " with " + account.host() + ":" + account.port();
                return new MailboxException(Failure.TLS_FAILED, "TLS" + where + " failed: "
                        + TlsFailures.explain(e, account), e);
            }
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof SocketTimeoutException
                    || cause instanceof UnknownHostException || cause instanceof NoRouteToHostException) {
                return new MailboxException(Failure.UNREACHABLE, "cannot connect: " + describe(cause), e);
            }
        }
        return new MailboxException(Failure.UNREACHABLE, "cannot connect: " + describe(e), e);
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        String text = message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
        if (e instanceof UnknownHostException) {
            return "unknown host " + text;
        }
        return text;
    }

    /** What the server said in its NO/BAD/BYE, without the tag. */
    private static String serverText(ProtocolException e) {
        Response response = e.getResponse();
        String text = response == null ? e.getMessage() : response.getRest();
        return text == null || text.isBlank() ? e.getClass().getSimpleName() : text.trim();
    }

    private static boolean names(String text, String... phrases) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String phrase : phrases) {
            if (lower.contains(phrase.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
