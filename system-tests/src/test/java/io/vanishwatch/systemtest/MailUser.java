package io.vanishwatch.systemtest;

import java.util.ArrayList;
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
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
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
