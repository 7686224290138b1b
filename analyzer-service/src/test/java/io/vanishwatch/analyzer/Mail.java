package io.vanishwatch.analyzer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.MessageSummary;
import io.vanishwatch.events.Verdict;

/** Builds the mailbox events and disappearances the tests talk about, with readable defaults. */
public final class Mail {

    public static final long UID_VALIDITY = 1700000000L;
    public static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    /** The folders of the test account other than INBOX, as the collector lists them in a verdict. */
    public static final List<String> OTHER_FOLDERS =
            List.of("Archive", "Junk", "Newsletters", "Sent", "Trash", "[Gmail]/All Mail");

    private Mail() {
    }

    /** {@code seconds} after {@link #T0}: the tests' event times. */
    public static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    /** One message: its Message-ID, sender and subject, received at {@code internalDate}. */
    public record Message(String messageId, String from, String subject, Instant internalDate) {

        public static Message numbered(int n) {
            return new Message("<msg-" + n + "@supplier.example>", "billing@supplier.example", "Invoice " + n,
                    T0.minusSeconds(1));
        }

        public MessageSummary summary(String... flags) {
            return new MessageSummary(messageId, from, subject, 1234, internalDate, Set.of(flags));
        }
    }

    public static MailboxEvent arrived(String account, String folder, FolderRole role, long uid, Message message,
                                       Instant at, String... flags) {
        return MailboxEvent.message(MailboxEvent.Type.ARRIVED, account, folder, role, UID_VALIDITY, uid,
                message.summary(flags), at, MailboxEvent.DetectedBy.IDLE, null);
    }

    public static MailboxEvent removed(String account, String folder, FolderRole role, long uid, Message message,
                                       Instant at, String... flags) {
        return MailboxEvent.message(MailboxEvent.Type.REMOVED, account, folder, role, UID_VALIDITY, uid,
                message.summary(flags), at, MailboxEvent.DetectedBy.IDLE, null);
    }

    /** A REMOVED whose verdict is that the message is in no folder: the collector checked the others at once. */
    public static MailboxEvent removedToNoFolder(String account, String folder, FolderRole role, long uid,
                                                 Message message, Instant at, String... flags) {
        return removed(account, folder, role, uid, message, at, flags)
                .withVerdict(Verdict.inNoFolder(at, OTHER_FOLDERS));
    }

    /** A REMOVED whose verdict is that the message now sits in {@code destination} under {@code destinationUid}. */
    public static MailboxEvent removedInto(String account, String folder, FolderRole role, long uid, Message message,
                                           Instant at, String destination, FolderRole destinationRole,
                                           long destinationUid, String... flags) {
        return removed(account, folder, role, uid, message, at, flags)
                .withVerdict(Verdict.inFolder(destination, destinationRole, destinationUid, at, OTHER_FOLDERS));
    }

    /** The account's watch changing state. */
    public static MailboxEvent watch(String account, MailboxEvent.WatchState state, Instant at) {
        return MailboxEvent.watchState(account, "INBOX", FolderRole.INBOX, state,
                state == MailboxEvent.WatchState.CONNECTED ? null : "test: " + state, at);
    }

    public static MailboxEvent flagsChanged(String account, String folder, FolderRole role, long uid, Message message,
                                            Instant at, String... flags) {
        return MailboxEvent.message(MailboxEvent.Type.FLAGS_CHANGED, account, folder, role, UID_VALIDITY, uid,
                message.summary(flags), at, MailboxEvent.DetectedBy.IDLE, null);
    }

    /** An unread message that left INBOX {@code dwell} after arriving and is nowhere on the server. */
    public static Disappearance goneUnread(String account, int n, Instant removedAt, Duration dwell) {
        return disappearance(account, n, removedAt, dwell, false, Disappearance.Destination.GONE, null, null);
    }

    /** An unread message that left INBOX {@code dwell} after arriving for the Junk folder. */
    public static Disappearance movedToJunkUnread(String account, int n, Instant removedAt, Duration dwell) {
        return disappearance(account, n, removedAt, dwell, false, Disappearance.Destination.MOVED, "Junk", FolderRole.JUNK);
    }

    public static Disappearance disappearance(String account, int n, Instant removedAt, Duration dwell, boolean read,
                                              Disappearance.Destination destination, String movedTo,
                                              FolderRole movedToRole) {
        Message message = Message.numbered(n);
        return new Disappearance(account, "INBOX", FolderRole.INBOX, UID_VALIDITY, n, message.messageId(),
                message.from(), message.subject(), removedAt.minus(dwell), removedAt, null, dwell, read,
                destination, movedTo, movedToRole, null, Disappearance.Basis.FOLDER_CHECK, removedAt, OTHER_FOLDERS, null);
    }
}
