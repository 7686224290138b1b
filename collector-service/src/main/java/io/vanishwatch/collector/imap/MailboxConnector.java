package io.vanishwatch.collector.imap;

/** Opens a connection to one watched folder; the seam between the watcher and a real IMAP client. */
@FunctionalInterface
public interface MailboxConnector {

    /** Connects, logs in and selects (read-only) the target's folder, discovering it first if it has no name. */
    MailboxConnection open(WatchTarget target) throws MailboxException;
}
