package io.vanishwatch.collector.imap;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;

import io.vanishwatch.collector.sync.FolderSnapshot;
import io.vanishwatch.collector.sync.FolderStatus;
import io.vanishwatch.events.MessageSummary;

/**
 * One logged-in IMAP connection of the watcher: all it needs from IMAP, read-only, by UID and never by sequence
 * number. One session is one TCP connection, so the per-account connection budget is a count of sessions.
 */
public interface ImapSession extends AutoCloseable {

    /**
     * The TLS version and the server certificate this connection was set up with; empty without TLS or when
     * certificates are not checked ({@code verify-certificates=false}).
     */
    default Optional<TlsDetails> tls() {
        return Optional.empty();
    }

    /** Whether the server offers a capability (IDLE, NOTIFY, CONDSTORE, LIST-STATUS, ...). */
    boolean supports(String capability);

    /** Every mailbox of the personal namespace, with its attributes (SPECIAL-USE where offered). */
    List<ListedFolder> list() throws MailboxException;

    /**
     * The STATUS of these folders (LIST-STATUS in one round trip where offered); a folder the server does not
     * answer for (deleted meanwhile) is left out.
     */
    Map<String, FolderStatus> status(Collection<String> folders) throws MailboxException;

    /** Opens {@code folder} read-only (EXAMINE) and returns its status; it stays selected until another is. */
    FolderStatus examine(String folder) throws MailboxException;

    /** The selected folder's name, or null. */
    String selected();

    /**
     * Every UID of the selected folder with its flags ({@code UID FETCH 1:* (FLAGS)}), after a NOOP, and its status:
     * UIDVALIDITY from EXAMINE, the counts from the snapshot itself.
     */
    FolderSnapshot snapshot() throws MailboxException;

    /** Message-ID, From, Subject, size, INTERNALDATE and flags of these UIDs of the selected folder. */
    Map<Long, MessageSummary> describe(SortedSet<Long> uids) throws MailboxException;

    /** The UIDs in the selected folder whose Message-ID header is {@code messageId}. */
    Set<Long> searchMessageId(String messageId) throws MailboxException;

    /**
     * Asks to be told about changes in every folder of the account (RFC 5465 NOTIFY), where the server offers it.
     *
     * @return whether the server now notifies
     */
    boolean notifyAllFolders() throws MailboxException;

    /**
     * Waits (IDLE) until the server reports a change or {@code atMost} has passed; returns at once when changes
     * were reported during earlier commands. Without IDLE it waits and then asks with NOOP.
     */
    Changes await(Duration atMost) throws MailboxException, InterruptedException;

    /** Closes the connection; may be called from another thread to end a wait. */
    @Override
    void close();
}
