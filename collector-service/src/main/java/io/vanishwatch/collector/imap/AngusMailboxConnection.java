package io.vanishwatch.collector.imap;

import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;

import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.ENVELOPE;
import org.eclipse.angus.mail.imap.protocol.FLAGS;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.INTERNALDATE;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;

import io.vanishwatch.collector.sync.FolderSnapshot;
import io.vanishwatch.events.MessageSummary;

/**
 * A folder opened read-only with Angus Mail. Reads the folder only with UID commands and its own parsing of the
 * FETCH responses, never through Jakarta Mail's sequence-number message cache (which some servers confuse).
 */
class AngusMailboxConnection implements MailboxConnection {

    private static final int UIDS_PER_FETCH = 500;

    private final IMAPStore store;
    private final IMAPFolder folder;
    private final ScheduledExecutorService timer;

    AngusMailboxConnection(IMAPStore store, IMAPFolder folder, ScheduledExecutorService timer) {
        this.store = store;
        this.folder = folder;
        this.timer = timer;
    }

    @Override
    public String folderName() {
        return folder.getFullName();
    }

    @Override
    public FolderSnapshot snapshot() throws MailboxException {
        try {
            // A NOOP first: servers such as Dovecot refresh a session's view of the folder only at sync points.
            folder.doCommand(protocol -> {
                protocol.simpleCommand("NOOP", null);
                return null;
            });
            long uidValidity = folder.getUIDValidity();
            TreeMap<Long, Set<String>> flagsByUid = new TreeMap<>();
            for (FetchResponse fetch : uidFetch("1:*", "(UID FLAGS)", true)) {
                UID uid = fetch.getItem(UID.class);
                FLAGS flags = fetch.getItem(FLAGS.class);
                if (uid != null) {
                    flagsByUid.put(uid.uid, flagNames(flags));
                }
            }
            return new FolderSnapshot(uidValidity, flagsByUid);
        } catch (MessagingException e) {
            throw lost("cannot list the folder", e);
        }
    }

    @Override
    public Map<Long, MessageSummary> describe(SortedSet<Long> uids) throws MailboxException {
        Map<Long, MessageSummary> described = new HashMap<>();
        try {
            for (String set : UidSets.format(uids, UIDS_PER_FETCH)) {
                for (FetchResponse fetch : uidFetch(set, "(UID FLAGS ENVELOPE RFC822.SIZE INTERNALDATE)", false)) {
                    UID uid = fetch.getItem(UID.class);
                    if (uid != null && uids.contains(uid.uid)) {
                        described.put(uid.uid, summary(fetch));
                    }
                }
            }
            return described;
        } catch (MessagingException e) {
            throw lost("cannot describe new messages", e);
        }
    }

    /**
     * Runs {@code UID FETCH}; the folder still sees the other untagged responses (EXISTS, EXPUNGE) as usual. Some
     * servers refuse {@code 1:*} on an empty folder: with {@code emptyIsFine} that is an empty answer.
     */
    private List<FetchResponse> uidFetch(String set, String items, boolean emptyIsFine) throws MessagingException {
        Response[] answer = (Response[]) folder.doCommand(protocol -> {
            Response[] responses = protocol.command("UID FETCH " + set + " " + items, null);
            Response status = responses[responses.length - 1];
            protocol.notifyResponseHandlers(responses);
            if (!status.isOK() && emptyIsFine) {
                return null;
            }
            protocol.handleResult(status);
            return responses;
        });
        if (answer == null) {
            if (folder.getMessageCount() == 0) {
                return List.of();
            }
            throw new MessagingException("the server refused UID FETCH " + set);
        }
        List<FetchResponse> fetches = new ArrayList<>();
        for (Response r : answer) {
            if (r instanceof FetchResponse fetch) {
                fetches.add(fetch);
            }
        }
        return fetches;
    }

    @Override
    public Wake awaitChange(Duration atMost) throws MailboxException, InterruptedException {
        try {
            if (!store.hasCapability("IDLE")) {
                TimeUnit.MILLISECONDS.sleep(atMost.toMillis());
                return Wake.TIMED_OUT;
            }
            AtomicBoolean timedOut = new AtomicBoolean();
            ScheduledFuture<?> deadline = timer.schedule(() -> {
                timedOut.set(true);
                endIdle();
            }, atMost.toMillis(), TimeUnit.MILLISECONDS);
            try {
                folder.idle(true);
            } finally {
                deadline.cancel(false);
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("stopped while waiting for a change");
            }
            return timedOut.get() ? Wake.TIMED_OUT : Wake.CHANGED;
        } catch (MessagingException e) {
            throw lost("connection lost while idle", e);
        }
    }

    /** Using the folder from another thread makes Angus Mail send DONE, which ends {@code idle(true)}. */
    private void endIdle() {
        try {
            folder.doCommand(protocol -> {
                protocol.simpleCommand("NOOP", null);
                return null;
            });
        } catch (MessagingException | RuntimeException ignored) {
            // the IDLE thread sees the broken connection itself
        }
    }

    @Override
    public void close() {
        try {
            if (folder.isOpen()) {
                folder.close(false);
            }
        } catch (MessagingException | RuntimeException ignored) {
            // closing the store below ends the connection anyway
        }
        try {
            store.close();
        } catch (MessagingException | RuntimeException ignored) {
            // nothing more to release
        }
    }

    private static MessageSummary summary(FetchResponse fetch) {
        ENVELOPE envelope = fetch.getItem(ENVELOPE.class);
        RFC822SIZE size = fetch.getItem(RFC822SIZE.class);
        INTERNALDATE internalDate = fetch.getItem(INTERNALDATE.class);
        String messageId = envelope == null ? null : envelope.messageId;
        String from = envelope == null || envelope.from == null || envelope.from.length == 0
                ? null : address(envelope.from[0]);
        String subject = envelope == null ? null : decode(envelope.subject);
        Instant received = internalDate == null || internalDate.getDate() == null
                ? null : internalDate.getDate().toInstant();
        return new MessageSummary(messageId, from, subject, size == null ? 0 : size.size, received,
                flagNames(fetch.getItem(FLAGS.class)));
    }

    private static String address(InternetAddress address) {
        String personal = address.getPersonal();
        return personal == null || personal.isBlank()
                ? address.getAddress() : personal + " <" + address.getAddress() + ">";
    }

    private static String decode(String text) {
        if (text == null) {
            return null;
        }
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(text));
        } catch (UnsupportedEncodingException e) {
            return text;
        }
    }

    /** IMAP flag names: system flags as {@code \Seen}, user flags (keywords) as they are. */
    static Set<String> flagNames(Flags flags) {
        TreeSet<String> names = new TreeSet<>();
        if (flags == null) {
            return names;
        }
        for (Flags.Flag flag : flags.getSystemFlags()) {
            if (flag == Flags.Flag.ANSWERED) {
                names.add("\\Answered");
            } else if (flag == Flags.Flag.DELETED) {
                names.add("\\Deleted");
            } else if (flag == Flags.Flag.DRAFT) {
                names.add("\\Draft");
            } else if (flag == Flags.Flag.FLAGGED) {
                names.add("\\Flagged");
            } else if (flag == Flags.Flag.SEEN) {
                names.add("\\Seen");
            }
        }
        names.addAll(List.of(flags.getUserFlags()));
        return names;
    }

    private static MailboxException lost(String what, MessagingException e) {
        return new MailboxException(MailboxException.Failure.CONNECTION_LOST,
                what + ": " + AngusMailboxConnector.describe(e), e);
    }
}
