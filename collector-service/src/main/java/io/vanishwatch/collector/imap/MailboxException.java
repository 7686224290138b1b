package io.vanishwatch.collector.imap;

/** Why a mailbox could not be read: the kind decides what the watcher reports; the reason never holds a secret. */
public class MailboxException extends Exception {

    /** What went wrong, as far as it matters to the watcher. */
    public enum Failure {
        /** The server refused the login. */
        AUTH_FAILED,
        /** No connection could be made (refused, timed out, unknown host). */
        UNREACHABLE,
        /** The TLS handshake failed or the certificate was not trusted; or STARTTLS was not offered. */
        TLS_FAILED,
        /** The folder does not exist. */
        NO_SUCH_FOLDER,
        /** A working connection broke, or the server answered a command with an error. */
        CONNECTION_LOST
    }

    private final Failure failure;

    public MailboxException(Failure failure, String reason, Throwable cause) {
        super(reason, cause);
        this.failure = failure;
    }

    public MailboxException(Failure failure, String reason) {
        this(failure, reason, null);
    }

    public Failure failure() {
        return failure;
    }
}
