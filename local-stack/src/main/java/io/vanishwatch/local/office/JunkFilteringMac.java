package io.vanishwatch.local.office;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.vanishwatch.local.mail.MailAccount;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPMessage;

/**
 * The motivating case: a Mac whose junk filter takes new unread messages it flags off the server into a local
 * folder — downloaded with PEEK (still unread), then \Deleted and expunged, so they are GONE from the server.
 */
public final class JunkFilteringMac extends SimulatedDevice {

    /** The local folder the messages end up in, as Apple Mail shows it. */
    public static final String LOCAL_FOLDER = "On My Mac/Junk";

    private final Predicate<InboxMessage> junkFilter;
    private final List<LocalCopy> localCopies = new CopyOnWriteArrayList<>();

    /** A message this Mac took off the server, as kept on the Mac. */
    public record LocalCopy(long uid, String messageId, String from, String subject, byte[] content,
                            boolean unreadWhenTaken, Instant takenAt) {
    }

    public JunkFilteringMac(String name, MailAccount account, Predicate<InboxMessage> junkFilter) {
        this(name, account, junkFilter, Clock.systemUTC());
    }

    public JunkFilteringMac(String name, MailAccount account, Predicate<InboxMessage> junkFilter, Clock clock) {
        super(name, account, clock);
        this.junkFilter = Objects.requireNonNull(junkFilter, "junkFilter");
    }

    /** Everything this Mac took off the server so far, oldest first. */
    public List<LocalCopy> localCopies() {
        return List.copyOf(localCopies);
    }

    @Override
    protected List<DeviceAction> act(List<InboxMessage> fresh) throws MessagingException {
        List<InboxMessage> junk = fresh.stream().filter(message -> !message.seen() && junkFilter.test(message)).toList();
        if (junk.isEmpty()) {
            return List.of();
        }
        List<IMAPMessage> taken = new ArrayList<>();
        List<LocalCopy> copies = new ArrayList<>();
        for (InboxMessage message : junk) {
            IMAPMessage imap = message(message);
            byte[] content = download(imap);
            Flags flags = serverFlags(imap);
            if (flags == null) {
                continue; // removed by another device while this Mac was downloading it
            }
            boolean unread = !flags.contains(Flags.Flag.SEEN);
            copies.add(new LocalCopy(message.uid(), message.messageId(), message.fromAddress(), message.subject(),
                    content, unread, now()));
            taken.add(imap);
        }
        if (taken.isEmpty()) {
            return List.of();
        }
        deleteAndExpunge(taken);
        localCopies.addAll(copies);
        List<DeviceAction> actions = new ArrayList<>();
        for (LocalCopy copy : copies) {
            InboxMessage message = junk.stream().filter(candidate -> candidate.uid() == copy.uid()).findFirst().orElseThrow();
            actions.add(record(DeviceAction.Kind.TAKEN_OFF_SERVER, message, LOCAL_FOLDER));
        }
        return actions;
    }

    private static byte[] download(IMAPMessage message) throws MessagingException {
        message.setPeek(true);
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        try {
            message.writeTo(content);
        } catch (IOException e) {
            throw new MessagingException("cannot download the message", e);
        }
        return content.toByteArray();
    }

    /** The flags as the server has them now (not the cached ones). */
    private Flags serverFlags(IMAPMessage message) throws MessagingException {
        int number = message.getMessageNumber();
        return (Flags) inbox().doCommand(protocol -> protocol.fetchFlags(number));
    }
}
