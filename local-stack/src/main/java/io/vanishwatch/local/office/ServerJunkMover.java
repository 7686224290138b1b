package io.vanishwatch.local.office;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

import io.vanishwatch.local.mail.MailAccount;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPMessage;

/** A device whose rules move chosen new unread messages to the server's Junk folder: hidden, but not lost. */
public final class ServerJunkMover extends SimulatedDevice {

    private final Predicate<InboxMessage> junkFilter;

    public ServerJunkMover(String name, MailAccount account, Predicate<InboxMessage> junkFilter) {
        this(name, account, junkFilter, Clock.systemUTC());
    }

    public ServerJunkMover(String name, MailAccount account, Predicate<InboxMessage> junkFilter, Clock clock) {
        super(name, account, clock);
        this.junkFilter = Objects.requireNonNull(junkFilter, "junkFilter");
    }

    @Override
    protected List<DeviceAction> act(List<InboxMessage> fresh) throws MessagingException {
        List<InboxMessage> junk = fresh.stream().filter(message -> !message.seen() && junkFilter.test(message)).toList();
        if (junk.isEmpty()) {
            return List.of();
        }
        Folder junkFolder = folderFor("\\Junk", "Junk", false);
        List<IMAPMessage> batch = new ArrayList<>();
        for (InboxMessage message : junk) {
            batch.add(message(message));
        }
        moveTo(batch, junkFolder);
        List<DeviceAction> actions = new ArrayList<>();
        for (InboxMessage message : junk) {
            actions.add(record(DeviceAction.Kind.MOVED, message, junkFolder.getFullName()));
        }
        return actions;
    }
}
