package io.vanishwatch.collector.imap;

import java.time.Duration;
import java.util.Map;
import java.util.SortedSet;

import io.vanishwatch.collector.sync.FolderSnapshot;
import io.vanishwatch.events.MessageSummary;

/** One open, read-only IMAP connection to one folder: all the watcher needs from IMAP. */
public interface MailboxConnection extends AutoCloseable {

    /** Why {@link #awaitChange} returned. */
    enum Wake { CHANGED, TIMED_OUT }

    /** The folder's full name on the server. */
    String folderName();

    /** UIDVALIDITY and every UID with its flags ({@code UID FETCH 1:* (FLAGS)}); never sequence numbers. */
    FolderSnapshot snapshot() throws MailboxException;

    /** Message-ID, From, Subject, size, INTERNALDATE and flags of these UIDs; UIDs already gone are left out. */
    Map<Long, MessageSummary> describe(SortedSet<Long> uids) throws MailboxException;

    /** Waits (IDLE) until the server reports a change or {@code atMost} has passed. */
    Wake awaitChange(Duration atMost) throws MailboxException, InterruptedException;

    /** Closes the folder and the connection; may be called from another thread to stop a wait. */
    @Override
    void close();
}
