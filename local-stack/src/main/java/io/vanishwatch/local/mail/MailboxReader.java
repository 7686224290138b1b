package io.vanishwatch.local.mail;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.UIDFolder;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * Reads a mailbox over IMAP without marking anything read, so a test or a person at the demo can see which
 * e-mails arrived (for example the alert in the support mailbox).
 *
 * <p>From a terminal: {@code java -cp 'launcher/target/lib/*'
 * io.vanishwatch.local.mail.MailboxReader HOST IMAP_PORT USER PASSWORD [FOLDER]}.
 */
public final class MailboxReader {

    private MailboxReader() {
    }

    /** The messages in {@code folder}, oldest first; bodies are fetched with PEEK so flags stay as they are. */
    public static List<ReceivedMail> read(MailAccount account, String folder) {
        try (IMAPStore store = account.connect()) {
            IMAPFolder box = (IMAPFolder) store.getFolder(folder);
            box.open(Folder.READ_ONLY);
            try {
                Message[] messages = box.getMessages();
                FetchProfile profile = new FetchProfile();
                profile.add(FetchProfile.Item.ENVELOPE);
                profile.add(FetchProfile.Item.FLAGS);
                profile.add(UIDFolder.FetchProfileItem.UID);
                box.fetch(messages, profile);
                List<ReceivedMail> result = new ArrayList<>();
                for (Message message : messages) {
                    ((IMAPMessage) message).setPeek(true);
                    result.add(toReceivedMail(box.getUID(message), (IMAPMessage) message));
                }
                return result;
            } finally {
                box.close(false);
            }
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot read " + folder + " of " + account + ": " + e.getMessage(), e);
        }
    }

    public static List<ReceivedMail> readInbox(MailAccount account) {
        return read(account, "INBOX");
    }

    /** Prints every message of a mailbox: {@code HOST PORT USER PASSWORD [FOLDER]}. */
    public static void main(String[] args) {
        PrintStream out = System.out;
        if (args.length < 4) {
            out.println("usage: MailboxReader HOST IMAP_PORT USER PASSWORD [FOLDER]");
            System.exit(2);
        }
        MailAccount account = new MailAccount(args[0], Integer.parseInt(args[1]), args[2], args[3]);
        String folder = args.length > 4 ? args[4] : "INBOX";
        List<ReceivedMail> mails = read(account, folder);
        out.println(mails.size() + " message(s) in " + folder + " of " + account.user() + "@" + account.host()
                + ":" + account.port());
        for (ReceivedMail mail : mails) {
            out.println("------------------------------------------------------------------------");
            out.print(mail.render());
        }
    }

    private static ReceivedMail toReceivedMail(long uid, IMAPMessage message) throws MessagingException, IOException {
        Instant sent = message.getSentDate() == null ? null : message.getSentDate().toInstant();
        return new ReceivedMail(uid, message.getMessageID(), addresses(message.getFrom()),
                addresses(message.getRecipients(Message.RecipientType.TO)), message.getSubject(), text(message),
                sent, message.isSet(Flags.Flag.SEEN));
    }

    private static String addresses(Address[] addresses) {
        if (addresses == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (Address address : addresses) {
            parts.add(address.toString());
        }
        return String.join(", ", parts);
    }

    /** The first text part, preferring text/plain. */
    public static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent());
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            String fallback = null;
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                String text = text(body);
                if (body.isMimeType("text/plain")) {
                    return text;
                }
                if (fallback == null && !text.isEmpty()) {
                    fallback = text;
                }
            }
            return fallback == null ? "" : fallback;
        }
        if (part.isMimeType("text/*")) {
            return String.valueOf(part.getContent());
        }
        return "";
    }
}
