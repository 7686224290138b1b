package io.vanishwatch.local.mail;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.server.AbstractServer;
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
 *
 * <p>Two of GreenMail's habits are kept away from clients: its IMAP server is a {@link DemoImapServer}, and a
 * server restarted on the same IMAP port never hands out a UIDVALIDITY it handed out before. GreenMail derives
 * UIDVALIDITY from the clock in seconds, so a mailbox recreated within the same second would otherwise come back
 * with the same UIDVALIDITY and its UIDs starting again at 1, which RFC 3501 forbids and no client can detect.
 */
public final class DemoMailServer implements AutoCloseable {

    public static final String JUNK = "Junk";
    public static final String TRASH = "Trash";
    private static final String LOOPBACK = "127.0.0.1";

    /** The second in which the server on each IMAP port last stopped, so a restart there waits for a new second. */
    private static final Map<Integer, Long> STOPPED_IN_SECOND = new ConcurrentHashMap<>();

    private final DemoGreenMail greenMail;
    private final int smtpPort;
    private final int imapPort;
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final MailDrop smtp;

    private static final int START_ATTEMPTS = 3;
    private static final long STARTUP_TIMEOUT_MILLIS = 15_000;

    private DemoMailServer(DemoGreenMail greenMail, int smtpPort, int imapPort) {
        this.greenMail = greenMail;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
        this.smtp = MailDrop.smtp(LOOPBACK, smtpPort);
    }

    /** Starts on free loopback ports. */
    public static DemoMailServer start() {
        return start(0, 0);
    }

    /**
     * Starts on the given loopback ports; 0 picks a free one. A port picked here may be taken by another process
     * before the server binds it: then the start is tried again on newly picked ports, a few times.
     */
    public static DemoMailServer start(int smtpPort, int imapPort) {
        boolean picked = smtpPort == 0 || imapPort == 0;
        for (int attempt = 1; ; attempt++) {
            int smtp = smtpPort == 0 ? LoopbackPorts.free() : smtpPort;
            int imap = imapPort == 0 ? LoopbackPorts.free() : imapPort;
            try {
                return startOn(smtp, imap);
            } catch (IllegalStateException e) {
                if (!picked || attempt >= START_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static DemoMailServer startOn(int smtp, int imap) {
        awaitSecondAfter(STOPPED_IN_SECOND.get(imap));
        ServerSetup smtpSetup = new ServerSetup(smtp, LOOPBACK, ServerSetup.PROTOCOL_SMTP);
        ServerSetup imapSetup = new ServerSetup(imap, LOOPBACK, ServerSetup.PROTOCOL_IMAP);
        // GreenMail's 2 s to come up is too short on a busy machine with two cores
        smtpSetup.setServerStartupTimeout(STARTUP_TIMEOUT_MILLIS);
        imapSetup.setServerStartupTimeout(STARTUP_TIMEOUT_MILLIS);
        DemoGreenMail greenMail = new DemoGreenMail(new ServerSetup[] {smtpSetup, imapSetup});
        greenMail.withConfiguration(GreenMailConfiguration.aConfig());
        try {
            greenMail.start();
        } catch (RuntimeException e) {
            try {
                greenMail.stop();
            } catch (RuntimeException stopping) {
                e.addSuppressed(stopping);
            }
            throw e;
        }
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
     * support mailbox: read it with …" (run from the repository root after {@code mvn package}, on the class path the
     * launcher's build copies this module and its dependencies to). Any mail client
     * works too: plaintext IMAP on {@link #host()}:{@link #imapPort()} with the user's login and password.
     */
    public String readCommand(String login) {
        MailAccount account = account(login);
        return "java -cp 'launcher/target/lib/*' " + MailboxReader.class.getName()
                + " " + account.host() + " " + account.port() + " " + account.user() + " " + account.password();
    }

    /** How many IMAP connections the server dropped because of GreenMail's race between sessions. */
    public long droppedImapConnections() {
        return greenMail.imap().droppedConnections();
    }

    @Override
    public void close() {
        greenMail.stop();
        STOPPED_IN_SECOND.put(imapPort, epochSecond());
    }

    /** Waits until the clock is in a later second than {@code second}: folders created then get a new UIDVALIDITY. */
    private static void awaitSecondAfter(Long second) {
        if (second == null) {
            return;
        }
        long wait;
        while ((wait = (second + 1) * 1000 - System.currentTimeMillis()) > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting to restart the demo mail server", e);
            }
        }
    }

    private static long epochSecond() {
        return System.currentTimeMillis() / 1000;
    }

    /** GreenMail with {@link DemoImapServer} in place of its own IMAP server. */
    private static final class DemoGreenMail extends GreenMail {

        DemoGreenMail(ServerSetup[] setups) {
            super(setups);
        }

        @Override
        protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
            Map<String, AbstractServer> created = super.createServices(config, managers);
            created.replaceAll((protocol, server) -> protocol.equals(ServerSetup.PROTOCOL_IMAP)
                    ? new DemoImapServer(server.getServerSetup(), managers) : server);
            return created;
        }

        DemoImapServer imap() {
            return (DemoImapServer) services.get(ServerSetup.PROTOCOL_IMAP);
        }
    }
}
