package io.vanishwatch.local.mail;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vanishwatch.local.LoopbackPorts;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * An in-JVM IMAP + SMTP server (GreenMail, plaintext, loopback only) for the zero-install demo and fast tests:
 * the watched office account lives here, and so does the support mailbox the notifier writes to.
 *
 * <p>Mail is delivered through the server's own SMTP port, like real delivery: the server adds its Received
 * header and the message keeps the Message-ID the sender gave it. GreenMail has no SPECIAL-USE, so every user
 * gets plain folders named {@value #JUNK} and {@value #TRASH}, which is how the collector finds them here.
 */
public final class DemoMailServer implements AutoCloseable {

    public static final String JUNK = "Junk";
    public static final String TRASH = "Trash";
    private static final String LOOPBACK = "127.0.0.1";

    private final GreenMail greenMail;
    private final int smtpPort;
    private final int imapPort;
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final MailDrop smtp;

    private DemoMailServer(GreenMail greenMail, int smtpPort, int imapPort) {
        this.greenMail = greenMail;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
        this.smtp = MailDrop.smtp(LOOPBACK, smtpPort);
    }

    /** Starts on free loopback ports. */
    public static DemoMailServer start() {
        return start(0, 0);
    }

    /** Starts on the given loopback ports; 0 picks a free one. */
    public static DemoMailServer start(int smtpPort, int imapPort) {
        int smtp = smtpPort == 0 ? LoopbackPorts.free() : smtpPort;
        int imap = imapPort == 0 ? LoopbackPorts.free() : imapPort;
        GreenMail greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtp, LOOPBACK, ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imap, LOOPBACK, ServerSetup.PROTOCOL_IMAP)});
        greenMail.withConfiguration(GreenMailConfiguration.aConfig());
        greenMail.start();
        return new DemoMailServer(greenMail, smtp, imap);
    }

    /**
     * Creates a user who logs in to IMAP as {@code login} and receives SMTP mail for {@code email}, with
     * {@value #JUNK} and {@value #TRASH} folders beside the INBOX.
     */
    public DemoMailServer addUser(String login, String password, String email) {
        greenMail.setUser(email, login, password);
        passwords.put(login, password);
        MailAccount account = account(login);
        try (IMAPStore store = account.connect()) {
            for (String name : List.of(JUNK, TRASH)) {
                Folder folder = store.getFolder(name);
                if (!folder.exists()) {
                    folder.create(Folder.HOLDS_MESSAGES);
                }
                folder.setSubscribed(true);
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot create the folders of " + login + ": " + e.getMessage(), e);
        }
        return this;
    }

    public String host() {
        return LOOPBACK;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int imapPort() {
        return imapPort;
    }

    /** The IMAP login of a user created with {@link #addUser}. */
    public MailAccount account(String login) {
        String password = passwords.get(login);
        if (password == null) {
            throw new IllegalArgumentException("no user " + login + " on the demo mail server; add it with addUser");
        }
        return new MailAccount(LOOPBACK, imapPort, login, password);
    }

    /** Delivers a message to its recipients through this server's SMTP port and returns its Message-ID. */
    public String deliver(MimeMessage message) {
        try {
            return smtp.deliver(message);
        } catch (MessagingException e) {
            throw new IllegalStateException("SMTP delivery to 127.0.0.1:" + smtpPort + " failed: " + e.getMessage(), e);
        }
    }

    /** Delivery through this server's SMTP port, for a mail source such as the simulated office. */
    public MailDrop mailDrop() {
        return smtp;
    }

    /** What {@code login} has in the INBOX, oldest first, read without marking anything read. */
    public List<ReceivedMail> inboxOf(String login) {
        return MailboxReader.readInbox(account(login));
    }

    /** What {@code login} has in {@code folder}, oldest first, read without marking anything read. */
    public List<ReceivedMail> messagesIn(String login, String folder) {
        return MailboxReader.read(account(login), folder);
    }

    /**
     * A terminal command that prints what {@code login} received, e.g. for the demo's "the alert e-mail is in the
     * support mailbox: read it with …" (run from the repository root after {@code mvn package}). Any mail client
     * works too: plaintext IMAP on {@link #host()}:{@link #imapPort()} with the user's login and password.
     */
    public String readCommand(String login) {
        MailAccount account = account(login);
        return "java -cp 'local-stack/target/classes:local-stack/target/lib/*' " + MailboxReader.class.getName()
                + " " + account.host() + " " + account.port() + " " + account.user() + " " + account.password();
    }

    @Override
    public void close() {
        greenMail.stop();
    }

}
