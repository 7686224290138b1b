package io.vanishwatch.local.office;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;

import io.vanishwatch.local.mail.MailAccount;

/**
 * An old desktop mail program set up with POP3 and "remove from server after retrieval": each time it checks mail it
 * downloads every message in INBOX, read or not, and deletes it from the server — so every other device misses it.
 */
public final class PopDevice {

    private final String name;
    private final MailAccount account;
    private final int port;
    private final Clock clock;

    /** @param port the server's POP3 port */
    public PopDevice(String name, MailAccount account, int port, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.account = Objects.requireNonNull(account, "account");
        this.port = port;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String name() {
        return name;
    }

    public MailAccount account() {
        return account;
    }

    /** One check: downloads and deletes everything in INBOX; says what it took. */
    public List<DeviceAction> checkOnce() {
        List<DeviceAction> taken = new ArrayList<>();
        Store store = null;
        try {
            store = account.newSession().getStore("pop3");
            store.connect(account.host(), port, account.user(), account.password());
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            for (Message message : inbox.getMessages()) {
                message.getContent();
                message.setFlag(Flags.Flag.DELETED, true);
                String[] ids = message.getHeader("Message-ID");
                Address[] from = message.getFrom();
                taken.add(new DeviceAction(name, DeviceAction.Kind.TAKEN_OFF_SERVER, message.getMessageNumber(),
                        ids == null ? null : ids[0], from == null || from.length == 0 ? null : from[0].toString(),
                        message.getSubject(), null, clock.instant()));
            }
            inbox.close(true);
            return taken;
        } catch (MessagingException | java.io.IOException e) {
            throw new IllegalStateException(name + " could not check mail over POP3: " + e.getMessage(), e);
        } finally {
            if (store != null) {
                try {
                    store.close();
                } catch (MessagingException e) {
                    // the session is over anyway
                }
            }
        }
    }
}
