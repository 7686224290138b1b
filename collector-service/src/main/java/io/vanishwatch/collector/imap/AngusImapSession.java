package io.vanishwatch.collector.imap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.BadCommandException;
import org.eclipse.angus.mail.iap.CommandFailedException;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.protocol.BASE64MailboxEncoder;
import org.eclipse.angus.mail.imap.protocol.FLAGS;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.ListInfo;
import org.eclipse.angus.mail.imap.protocol.MailboxInfo;
import org.eclipse.angus.mail.imap.protocol.Status;
import org.eclipse.angus.mail.imap.protocol.UID;

import org.jboss.logging.Logger;

import io.vanishwatch.collector.sync.FolderSnapshot;
import io.vanishwatch.collector.sync.FolderStatus;
import io.vanishwatch.events.MessageSummary;

/**
 * An {@link ImapSession} on Angus Mail's protocol engine ({@link IMAPProtocol}): one connection, commands written by
 * the watcher and answers parsed from their responses, with no message cache. Every untagged response the server
 * sends on its own (EXPUNGE, EXISTS, FETCH, NOTIFY's STATUS and LIST) is noted as a {@link Changes} hint.
 */
final class AngusImapSession implements ImapSession {

    private static final Logger LOG = Logger.getLogger(AngusImapSession.class);
    private static final int UIDS_PER_FETCH = 500;
    /** RFC 5465: changes in the selected folder as usual, and in every other folder of the account as STATUS. */
    static final String NOTIFY_ALL_FOLDERS = "NOTIFY SET (selected (MessageNew MessageExpunge FlagChange))"
            + " (personal (MessageNew MessageExpunge FlagChange MailboxName))";
    /** How long a wait without IDLE lasts before it asks the server with NOOP. */
    private static final Duration POLL_WITHOUT_IDLE = Duration.ofSeconds(5);

    private final IMAPProtocol protocol;
    private final ScheduledExecutorService timer;
    private final Notices notices = new Notices();
    private final Optional<TlsDetails> tls;
    private volatile String selected;
    private volatile FolderStatus selectedStatus = FolderStatus.UNKNOWN;
    private volatile boolean closed;
    /** Ends the IDLE in progress, if any. */
    private volatile Runnable endIdle;

    AngusImapSession(IMAPProtocol protocol, ScheduledExecutorService timer, Optional<TlsDetails> tls) {
        this.protocol = protocol;
        this.timer = timer;
        this.tls = tls;
        protocol.addResponseHandler(notices);
    }

    @Override
    public Optional<TlsDetails> tls() {
        return tls;
    }

    @Override
    public boolean supports(String capability) {
        return protocol.hasCapability(capability);
    }

    @Override
    public List<ListedFolder> list() throws MailboxException {
        String command = supports("LIST-EXTENDED") && supports("SPECIAL-USE")
                ? "LIST \"\" \"*\" RETURN (SPECIAL-USE)" : "LIST \"\" \"*\"";
        List<ListedFolder> folders = new ArrayList<>();
        for (IMAPResponse response : run(command, null, "LIST")) {
            folders.add(listed(response));
        }
        return folders;
    }

    @Override
    public Map<String, FolderStatus> status(Collection<String> folders) throws MailboxException {
        Map<String, FolderStatus> statuses = new LinkedHashMap<>();
        String items = "MESSAGES UIDNEXT UIDVALIDITY UNSEEN" + (supports("CONDSTORE") ? " HIGHESTMODSEQ" : "");
        if (supports("LIST-STATUS")) {
            for (IMAPResponse response : run("LIST \"\" \"*\" RETURN (STATUS (" + items + "))", null, "LIST", "STATUS")) {
                if (response.keyEquals("STATUS")) {
                    Status status = parseStatus(response);
                    if (folders.contains(status.mbox)) {
                        statuses.put(status.mbox, status(status));
                    }
                }
            }
            return statuses;
        }
        for (String folder : folders) {
            Argument args = new Argument();
            args.writeString(BASE64MailboxEncoder.encode(folder));
            args.writeArgument(new Argument().writeAtom(items));
            try {
                for (IMAPResponse response : run("STATUS", args, "STATUS")) {
                    Status status = parseStatus(response);
                    if (status.mbox.equals(folder)) {
                        statuses.put(folder, status(status));
                    }
                }
            } catch (MailboxException e) {
                if (e.failure() != MailboxException.Failure.NO_SUCH_FOLDER) {
                    throw e;
                }
            }
        }
        return statuses;
    }

    @Override
    public FolderStatus examine(String folder) throws MailboxException {
        try {
            MailboxInfo info = protocol.examine(folder);
            selected = folder;
            selectedStatus = new FolderStatus(info.uidvalidity, info.uidnext, info.total, -1, info.highestmodseq);
            notices.clearSelected();
            return selectedStatus;
        } catch (ProtocolException e) {
            selected = null;
            selectedStatus = FolderStatus.UNKNOWN;
            throw ImapFailures.of("cannot open folder " + folder, e);
        }
    }

    @Override
    public String selected() {
        return selected;
    }

    @Override
    public FolderSnapshot snapshot() throws MailboxException {
        if (selected == null) {
            throw new IllegalStateException("no folder selected");
        }
        notices.clearSelected();
        run("NOOP", null);
        FolderStatus opened = selectedStatus;
        FolderSnapshot.Builder fetched = FolderSnapshot.builder((int) Math.min(opened.messages(), Integer.MAX_VALUE));
        for (FetchResponse fetch : uidFetch("1:*", "(UID FLAGS)", true)) {
            UID uid = fetch.getItem(UID.class);
            if (uid != null) {
                fetched.add(uid.uid, Envelopes.flagNames(fetch.getItem(FLAGS.class)));
            }
        }
        FolderSnapshot snapshot = fetched.build(opened);
        // UIDNEXT only grows: the highest UID seen while the folder stays selected raises what EXAMINE said
        long uidNext = Math.max(opened.uidNext(), snapshot.isEmpty() ? 0 : snapshot.highestUid() + 1);
        selectedStatus = new FolderStatus(opened.uidValidity(), uidNext, opened.messages(), opened.unseen(),
                opened.highestModSeq());
        return snapshot.withStatus(new FolderStatus(opened.uidValidity(), uidNext, snapshot.size(), snapshot.unseen(),
                opened.highestModSeq()));
    }

    @Override
    public Map<Long, MessageSummary> describe(SortedSet<Long> uids) throws MailboxException {
        Map<Long, MessageSummary> described = new HashMap<>();
        for (String set : UidSets.format(uids, UIDS_PER_FETCH)) {
            for (FetchResponse fetch : uidFetch(set, "(UID FLAGS ENVELOPE RFC822.SIZE INTERNALDATE)", false)) {
                UID uid = fetch.getItem(UID.class);
                if (uid != null && uids.contains(uid.uid)) {
                    described.put(uid.uid, Envelopes.summary(fetch));
                }
            }
        }
        return described;
    }

    @Override
    public Set<Long> searchMessageId(String messageId) throws MailboxException {
        Argument args = new Argument();
        args.writeAtom("HEADER");
        args.writeAtom("Message-ID");
        args.writeString(messageId);
        Set<Long> uids = new TreeSet<>();
        for (IMAPResponse response : run("UID SEARCH", args, "SEARCH")) {
            long uid;
            while ((uid = response.readLong()) != -1) {
                uids.add(uid);
            }
        }
        return uids;
    }

    @Override
    public boolean notifyAllFolders() throws MailboxException {
        if (!supports("NOTIFY")) {
            return false;
        }
        try {
            run(NOTIFY_ALL_FOLDERS, null);
            return true;
        } catch (MailboxException e) {
            if (e.failure() != MailboxException.Failure.CONNECTION_LOST || !(e.getCause() instanceof CommandFailedException
                    || e.getCause() instanceof BadCommandException)) {
                throw e;
            }
            LOG.warnf("the server refused %s (%s): the other folders are polled instead", NOTIFY_ALL_FOLDERS,
                    e.getMessage());
            return false;
        }
    }

    @Override
    public Changes await(Duration atMost) throws MailboxException, InterruptedException {
        Changes pending = notices.drain();
        if (pending.any()) {
            return pending;
        }
        if (!supports("IDLE")) {
            TimeUnit.MILLISECONDS.sleep(Math.min(atMost.toMillis(), POLL_WITHOUT_IDLE.toMillis()));
            run("NOOP", null);
            return notices.drain();
        }
        idle(atMost);
        if (Thread.interrupted()) {
            throw new InterruptedException("stopped while waiting for a change");
        }
        return notices.drain();
    }

    /** One IDLE: ended with DONE as soon as the server reports a change, or when {@code atMost} has passed. */
    private void idle(Duration atMost) throws MailboxException {
        AtomicBoolean ended = new AtomicBoolean();
        Runnable end = () -> {
            if (ended.compareAndSet(false, true)) {
                protocol.idleAbort();
            }
        };
        try {
            protocol.idleStart();
            endIdle = end;
            ScheduledFuture<?> deadline = timer.schedule(end, atMost.toMillis(), TimeUnit.MILLISECONDS);
            try {
                Response response;
                while ((response = protocol.readIdleResponse()) != null) {
                    if (!protocol.processIdleResponse(response)) {
                        break;
                    }
                    if (notices.any()) {
                        end.run();
                    }
                }
            } finally {
                endIdle = null;
                deadline.cancel(false);
            }
        } catch (ProtocolException e) {
            throw ImapFailures.of(closed ? "closed" : "connection lost while idle", e);
        }
    }

    /**
     * Closes the connection. An IDLE in progress is ended first with DONE: the thread reading it holds the
     * protocol's lock, which the disconnect needs.
     */
    @Override
    public void close() {
        closed = true;
        Runnable idling = endIdle;
        if (idling != null) {
            idling.run();
        }
        try {
            protocol.disconnect();
        } catch (RuntimeException ignored) {
            // the connection is gone either way
        }
    }

    /**
     * Runs a command and returns its untagged responses with one of the {@code expected} keys; every other untagged
     * response goes to the change notices. A NO or BAD answer becomes a {@link MailboxException}.
     */
    private List<IMAPResponse> run(String command, Argument args, String... expected) throws MailboxException {
        Response[] responses = protocol.command(command, args);
        Response result = responses[responses.length - 1];
        List<IMAPResponse> answers = new ArrayList<>();
        for (int i = 0; i < responses.length - 1; i++) {
            if (responses[i] instanceof IMAPResponse response && response.isUnTagged() && keyIn(response, expected)) {
                answers.add(response);
                responses[i] = null;
            }
        }
        protocol.notifyResponseHandlers(responses);
        try {
            protocol.handleResult(result);
        } catch (ProtocolException e) {
            throw ImapFailures.of(command.split(" ")[0] + " failed", e);
        }
        return answers;
    }

    /**
     * Runs {@code UID FETCH}. Some servers refuse {@code 1:*} on an empty folder: with {@code emptyIsFine} that is an
     * empty answer.
     */
    private List<FetchResponse> uidFetch(String set, String items, boolean emptyIsFine) throws MailboxException {
        Response[] responses = protocol.command("UID FETCH " + set + " " + items, null);
        Response result = responses[responses.length - 1];
        List<FetchResponse> fetches = new ArrayList<>();
        for (int i = 0; i < responses.length - 1; i++) {
            if (responses[i] instanceof FetchResponse fetch) {
                fetches.add(fetch);
                responses[i] = null;
            }
        }
        protocol.notifyResponseHandlers(responses);
        if (!result.isOK() && emptyIsFine && fetches.isEmpty() && !result.isBYE()) {
            return List.of();
        }
        try {
            protocol.handleResult(result);
        } catch (ProtocolException e) {
            throw ImapFailures.of("UID FETCH failed", e);
        }
        return fetches;
    }

    private static boolean keyIn(IMAPResponse response, String[] keys) {
        for (String key : keys) {
            if (response.keyEquals(key)) {
                return true;
            }
        }
        return false;
    }

    private static ListedFolder listed(IMAPResponse response) throws MailboxException {
        try {
            ListInfo info = new ListInfo(new IMAPResponse(response));
            return new ListedFolder(info.name, info.separator, Set.of(info.attrs));
        } catch (ProtocolException e) {
            throw ImapFailures.of("cannot read a LIST response", e);
        }
    }

    private static Status parseStatus(IMAPResponse response) throws MailboxException {
        try {
            return new Status(new IMAPResponse(response));
        } catch (ProtocolException e) {
            throw ImapFailures.of("cannot read a STATUS response", e);
        }
    }

    private static FolderStatus status(Status status) {
        return new FolderStatus(status.uidvalidity, status.uidnext, status.total, status.unseen, status.highestmodseq);
    }

    /** Notes what the server reports on its own; the watcher drains it before waiting again. */
    private static final class Notices implements org.eclipse.angus.mail.iap.ResponseHandler {

        private boolean selectedChanged;
        private final Set<String> folders = new TreeSet<>();
        private boolean folderList;

        @Override
        public synchronized void handleResponse(Response r) {
            if (!(r instanceof IMAPResponse response) || !response.isUnTagged()) {
                return;
            }
            if (response instanceof FetchResponse || response.keyEquals("EXISTS") || response.keyEquals("EXPUNGE")
                    || response.keyEquals("VANISHED")) {
                selectedChanged = true;
            } else if (response.keyEquals("STATUS")) {
                try {
                    folders.add(new Status(new IMAPResponse(response)).mbox);
                } catch (ProtocolException e) {
                    folderList = true; // cannot tell which: look at all of them
                }
            } else if (response.keyEquals("LIST")) {
                folderList = true;
            }
        }

        synchronized boolean any() {
            return selectedChanged || folderList || !folders.isEmpty();
        }

        synchronized void clearSelected() {
            selectedChanged = false;
        }

        synchronized Changes drain() {
            Changes changes = new Changes(selectedChanged, folders, folderList);
            selectedChanged = false;
            folders.clear();
            folderList = false;
            return changes;
        }
    }

    @Override
    public String toString() {
        return "ImapSession[" + (selected == null ? "nothing selected" : selected) + (closed ? ", closed" : "") + "]";
    }
}
