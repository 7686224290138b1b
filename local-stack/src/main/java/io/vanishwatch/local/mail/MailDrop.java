package io.vanishwatch.local.mail;

import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/** The way new mail reaches a mailbox on a local server: SMTP to the demo server, or IMAP APPEND / LDA on Dovecot. */
@FunctionalInterface
public interface MailDrop {

    /**
     * Delivers {@code message} to the mailbox(es) it is addressed to and returns its Message-ID (set here when the
     * message has none yet).
     */
    String deliver(MimeMessage message) throws MessagingException;

    /** Sends over plaintext SMTP without authentication to {@code host:port}, to the message's To/Cc/Bcc recipients. */
    static MailDrop smtp(String host, int port) {
        Properties props = new Properties();
        props.put("mail.transport.protocol", "smtp");
        props.put("mail.smtp.host", host);
        props.put("mail.smtp.port", String.valueOf(port));
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "10000");
        Session session = Session.getInstance(props);
        return message -> {
            if (message.getMessageID() == null) {
                message.saveChanges();
            }
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect();
                transport.sendMessage(message, message.getAllRecipients());
            }
            return message.getMessageID();
        };
    }

    /** Appends to the INBOX of {@code account} over IMAP, whatever the message's To says. */
    static MailDrop imapAppend(MailAccount account) {
        return message -> {
            appendTo(account, "INBOX", message);
            return message.getMessageID();
        };
    }

    /** Appends {@code message} to {@code folder} of {@code account} and returns the new UID (-1 without UIDPLUS). */
    static long appendTo(MailAccount account, String folder, MimeMessage message) throws MessagingException {
        if (message.getMessageID() == null) {
            message.saveChanges();
        }
        try (IMAPStore store = account.connect()) {
            IMAPFolder target = (IMAPFolder) store.getFolder(folder);
            AppendUID[] uids = target.appendUIDMessages(new MimeMessage[] {message});
            return uids != null && uids.length == 1 && uids[0] != null ? uids[0].uid : -1;
        }
    }
}
