package io.vanishwatch.collector.it;

import java.util.Properties;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.MessageIDTerm;

import org.eclipse.angus.mail.imap.IMAPFolder;

/** Another IMAP client on the watched accounts (a "device"), and the mail server's delivery. */
final class MailClient {

    private MailClient() {
    }

    static Store store(String user) throws MessagingException {
        Properties p = new Properties();
        p.put("mail.imap.host", "127.0.0.1");
        p.put("mail.imap.port", Integer.toString(GreenMailTestResource.imapPort()));
        Store store = Session.getInstance(p).getStore("imap");
        store.connect(user, GreenMailTestResource.PASSWORD);
        return store;
    }

    /** Delivers a message to the user's INBOX as the mail server would. */
    static void deliver(String user, String messageId, String subject) throws MessagingException {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(new InternetAddress("sender@example.net", false));
        message.setRecipients(Message.RecipientType.TO, user + "@example.org");
        message.setSubject(subject);
        message.setText("Hello " + user);
        message.saveChanges();
        GreenMailTestResource.greenMail().getUserManager().getUser(user).deliver(message);
    }

    /** Sets \Deleted and expunges, as a device that removes mail from the server does. */
    static void deleteAndExpunge(String user, String messageId) throws MessagingException {
        try (Store store = store(user)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            Message[] found = inbox.search(new MessageIDTerm(messageId));
            inbox.setFlags(found, new Flags(Flags.Flag.DELETED), true);
            inbox.close(true);
        }
    }

    /** Moves a message from INBOX to another folder with IMAP MOVE. */
    static void move(String user, String messageId, String toFolder) throws MessagingException {
        try (Store store = store(user)) {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            inbox.moveMessages(inbox.search(new MessageIDTerm(messageId)), store.getFolder(toFolder));
            inbox.close(false);
        }
    }

    /** Creates a folder, as a user or a mail rule does. */
    static void createFolder(String user, String name) throws MessagingException {
        try (Store store = store(user)) {
            Folder folder = store.getFolder(name);
            if (!folder.exists()) {
                folder.create(Folder.HOLDS_MESSAGES);
            }
        }
    }

    /** Marks a message read. */
    static void markSeen(String user, String messageId) throws MessagingException {
        try (Store store = store(user)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            inbox.setFlags(inbox.search(new MessageIDTerm(messageId)), new Flags(Flags.Flag.SEEN), true);
            inbox.close(false);
        }
    }
}
