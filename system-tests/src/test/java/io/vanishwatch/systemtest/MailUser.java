package io.vanishwatch.systemtest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;

import io.vanishwatch.local.mail.DovecotServer;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.MessageIDTerm;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * An ordinary IMAP client of one Dovecot account, not one of the project's simulated devices: a mail rule, a
 * person archiving, a device deleting. Each action opens its own connection, as independent clients do.
 */
final class MailUser {

    private final DovecotServer dovecot;
    private final String user;
    private int sent;

    MailUser(DovecotServer dovecot, String user) {
        this.dovecot = dovecot;
        this.user = user;
    }

    /** Delivers {@code count} messages to INBOX as the mail server does and returns their Message-IDs. */
    List<String> deliver(String subject, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(dovecot.deliver(user, message(subject + " " + (i + 1))));
        }
        return ids;
    }

    /** Appends a message with this Message-ID to a folder (Gmail files a copy of each new message in All Mail). */
    void append(String folder, String messageId, String subject) {
        MimeMessage message = message(subject);
        try {
            message.setHeader("Message-ID", messageId);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
        dovecot.append(user, folder, message);
    }

    /**
     * Appends {@code count} read messages to a folder as mail received {@code age} ago, a minute apart (their
     * INTERNALDATE), in one connection; returns their Message-IDs in UID order.
     */
    List<String> appendOld(String folderName, String subject, int count, Duration age) {
        Instant first = Instant.now().minus(age);
        List<MimeMessage> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            MimeMessage message = message(subject + " " + (i + 1), Date.from(first.plus(Duration.ofMinutes(i))));
            try {
                message.setFlags(new Flags(Flags.Flag.SEEN), true);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
            messages.add(message);
        }
        act(store -> store.getFolder(folderName).appendMessages(messages.toArray(new Message[0])));
        List<String> ids = new ArrayList<>();
        for (MimeMessage message : messages) {
            try {
                ids.add(message.getMessageID());
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return ids;
    }

    void createFolder(String name) {
        act(store -> {
            Folder folder = store.getFolder(name);
            if (!folder.exists()) {
                folder.create(Folder.HOLDS_MESSAGES);
            }
        });
    }

    /** UID MOVE of these messages, unread as they are, from one folder to another. */
    void move(String from, List<String> messageIds, String to) {
        act(store -> {
            IMAPFolder folder = (IMAPFolder) store.getFolder(from);
            folder.open(Folder.READ_WRITE);
            folder.moveMessages(find(folder, messageIds), store.getFolder(to));
            folder.close(false);
        });
    }

    /** Marks the messages read, as opening them in a mail client does. */
    void read(String folderName, List<String> messageIds) {
        act(store -> {
            Folder folder = store.getFolder(folderName);
            folder.open(Folder.READ_WRITE);
            folder.setFlags(find(folder, messageIds), new Flags(Flags.Flag.SEEN), true);
            folder.close(false);
        });
    }

    /** Sets \Deleted and expunges: the message is gone from the server. */
    void expunge(String folderName, List<String> messageIds) {
        act(store -> {
            Folder folder = store.getFolder(folderName);
            folder.open(Folder.READ_WRITE);
            folder.setFlags(find(folder, messageIds), new Flags(Flags.Flag.DELETED), true);
            folder.close(true);
        });
    }

    private static Message[] find(Folder folder, List<String> messageIds) throws MessagingException {
        List<Message> found = new ArrayList<>();
        for (String id : messageIds) {
            Message[] matches = folder.search(new MessageIDTerm(id));
            if (matches.length == 0) {
                throw new IllegalStateException(id + " is not in " + folder.getFullName());
            }
            found.addAll(List.of(matches));
        }
        return found.toArray(new Message[0]);
    }

    private interface Action {
        void on(IMAPStore store) throws MessagingException;
    }

    private void act(Action action) {
        try (IMAPStore store = dovecot.account(user).connect()) {
            action.on(store);
        } catch (MessagingException e) {
            throw new IllegalStateException(user + ": " + e.getMessage(), e);
        }
    }

    private MimeMessage message(String subject) {
        return message(subject, null);
    }

    /** A message; with {@code receivedAt}, APPEND gives it that INTERNALDATE (and it says it was sent then). */
    private MimeMessage message(String subject, Date receivedAt) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
                @Override
                public Date getReceivedDate() {
                    return receivedAt;
                }
            };
            if (receivedAt != null) {
                message.setSentDate(receivedAt);
            }
            message.setFrom(new InternetAddress("news" + (++sent) + "@shop.example"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(user + "@mail.example"));
            message.setSubject(subject);
            message.setText(subject + "\n");
            message.saveChanges();
            return message;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
