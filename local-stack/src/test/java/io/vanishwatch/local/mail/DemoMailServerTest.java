package io.vanishwatch.local.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import io.vanishwatch.local.office.DeviceAction;
import io.vanishwatch.local.office.ReadingDevice;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DemoMailServerTest {

    private DemoMailServer server;

    @BeforeEach
    void startServer() {
        server = DemoMailServer.start()
                .addUser("office", "office-secret", "office@vanishwatch.test")
                .addUser("support", "support-secret", "support@vanishwatch.test");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void shouldDeliverOverSmtpIntoTheInboxWithAMessageId() throws Exception {
        // given a message from a customer to the office
        MimeMessage message = message("maria@customer.example", "office@vanishwatch.test", "Question about my order");

        // when it is delivered through the server's SMTP port
        String messageId = server.deliver(message);

        // then the office's INBOX holds it, unread, under the same Message-ID
        List<ReceivedMail> inbox = server.inboxOf("office");
        assertThat(messageId).matches("<.+@.+>");
        assertThat(inbox).singleElement().satisfies(mail -> {
            assertThat(mail.messageId()).isEqualTo(messageId);
            assertThat(mail.subject()).isEqualTo("Question about my order");
            assertThat(mail.from()).contains("maria@customer.example");
            assertThat(mail.text()).contains("Question about my order");
            assertThat(mail.seen()).isFalse();
        });
        assertThat(server.inboxOf("support")).isEmpty();
    }

    @Test
    void shouldGiveEveryUserJunkAndTrashFolders() throws Exception {
        try (IMAPStore store = server.account("office").connect()) {
            assertThat(store.getFolder(DemoMailServer.JUNK).exists()).isTrue();
            assertThat(store.getFolder(DemoMailServer.TRASH).exists()).isTrue();
            assertThat(store.getFolder("Archive").exists()).isFalse();
            assertThat(store.getFolder(DemoMailServer.JUNK).getType() & Folder.HOLDS_MESSAGES).isNotZero();
        }
    }

    @Test
    void shouldLetTheSupportMailboxReceiveWhatANotifierSendsOverPlainSmtp() throws Exception {
        // given a notifier configured with the demo server's SMTP host and port, no authentication
        Properties props = new Properties();
        props.put("mail.smtp.host", server.host());
        props.put("mail.smtp.port", String.valueOf(server.smtpPort()));
        Session session = Session.getInstance(props);
        MimeMessage alert = new MimeMessage(session);
        alert.setFrom(new InternetAddress("vanishwatch@vanishwatch.test"));
        alert.setRecipient(Message.RecipientType.TO, new InternetAddress("support@vanishwatch.test"));
        alert.setSubject("[FIRING] office: unread mail leaves the server");
        alert.setText("3 unread messages left INBOX and appear in no server folder.");

        // when it sends the alert
        Transport.send(alert);

        // then the support mailbox has it and the office mailbox does not
        assertThat(server.inboxOf("support")).extracting(ReceivedMail::subject)
                .containsExactly("[FIRING] office: unread mail leaves the server");
        assertThat(server.inboxOf("office")).isEmpty();
        // and the reader the demo points to prints it
        assertThat(server.readCommand("support")).endsWith("io.vanishwatch.local.mail.MailboxReader 127.0.0.1 "
                + server.imapPort() + " support support-secret");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream console = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            MailboxReader.main(new String[] {server.host(), String.valueOf(server.imapPort()), "support", "support-secret"});
        } finally {
            System.setOut(console);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .startsWith("1 message(s) in INBOX of support@127.0.0.1:")
                .contains("Subject:    [FIRING] office: unread mail leaves the server")
                .contains("3 unread messages left INBOX");
    }

    @Test
    void shouldLetADeviceSeeAndReadADeliveredMessage() throws Exception {
        // given a message delivered to the office
        String messageId = server.deliver(message("tom@office.example", "office@vanishwatch.test", "Lunch on Friday?"));

        // when a reading device checks the account
        List<DeviceAction> actions;
        try (ReadingDevice phone = new ReadingDevice("iPhone (owner)", server.account("office"))) {
            actions = phone.checkOnce();
        }

        // then it read that message and the server has it as \Seen
        assertThat(actions).singleElement().satisfies(action -> {
            assertThat(action.kind()).isEqualTo(DeviceAction.Kind.READ);
            assertThat(action.messageId()).isEqualTo(messageId);
            assertThat(action.describe()).isEqualTo("iPhone (owner): read 'Lunch on Friday?' from tom@office.example");
        });
        assertThat(server.inboxOf("office")).singleElement().extracting(ReceivedMail::seen).isEqualTo(true);
    }

    @Test
    void shouldNeverHandOutAUidValidityAgainWhenRestartedOnTheSamePort() throws Exception {
        // given the office's INBOX with one message, as a device saw it
        server.deliver(message("tom@office.example", "office@vanishwatch.test", "Before the restart"));
        long before = inboxUidValidity();

        // when the server is stopped and started again on the same ports at once
        int smtpPort = server.smtpPort();
        int imapPort = server.imapPort();
        server.close();
        server = DemoMailServer.start(smtpPort, imapPort).addUser("office", "office-secret", "office@vanishwatch.test");

        // then the recreated INBOX has a new UIDVALIDITY, so clients know its UIDs start afresh (RFC 3501, 2.3.1.1)
        assertThat(inboxUidValidity()).isGreaterThan(before);
    }

    @Test
    void shouldDropOnlyTheConnectionWhenGreenMailsSessionsRaceOnOneFolder() throws Exception {
        // given clients that keep one folder busy: some poll it with NOOP, some flip flags, mail keeps arriving
        List<Throwable> escaped = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> escaped.add(e));
        MailAccount office = server.account("office");
        AtomicBoolean busy = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            boolean flips = i % 2 == 1;
            Thread client = new Thread(() -> keepBusy(office, flips, busy), "busy client " + i);
            client.setDaemon(true);
            clients.add(client);
            client.start();
        }
        try {
            // when they run until GreenMail's race has hit at least once (usually well within a second)
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int sent = 0;
            while (server.droppedImapConnections() == 0 && System.nanoTime() < deadline) {
                server.deliver(message("tom@office.example", "office@vanishwatch.test", "Busy " + sent++));
            }
        } finally {
            busy.set(false);
            for (Thread client : clients) {
                client.join(Duration.ofSeconds(15).toMillis());
            }
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
        Assumptions.assumeTrue(server.droppedImapConnections() > 0, "GreenMail's race was not provoked in 30 s");

        // then no exception escaped GreenMail's connection threads, and the server still serves the mailbox
        assertThat(escaped).isEmpty();
        assertThat(server.inboxOf("office")).isNotEmpty();
    }

    @Test
    void shouldRefuseAnUnknownUserClearly() {
        assertThatThrownBy(() -> server.account("nobody"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no user nobody");
    }

    static MimeMessage message(String from, String to, String subject) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText(subject + " - body");
        return message;
    }

    private long inboxUidValidity() throws MessagingException {
        try (IMAPStore store = server.account("office").connect()) {
            return ((IMAPFolder) store.getFolder("INBOX")).getUIDValidity();
        }
    }

    /** One IMAP client that, until {@code busy} ends, polls the INBOX with NOOP or flips every message's \Seen. */
    private static void keepBusy(MailAccount account, boolean flipsFlags, AtomicBoolean busy) {
        while (busy.get()) {
            try (IMAPStore store = account.connect()) {
                IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
                inbox.open(flipsFlags ? Folder.READ_WRITE : Folder.READ_ONLY);
                boolean seen = true;
                while (busy.get()) {
                    if (!flipsFlags) {
                        inbox.doCommand(protocol -> {
                            protocol.noop();
                            return null;
                        });
                    } else if (inbox.getMessageCount() > 0) {
                        inbox.setFlags(1, inbox.getMessageCount(), new Flags(Flags.Flag.SEEN), seen);
                        seen = !seen;
                    }
                }
            } catch (MessagingException | RuntimeException e) {
                // the connection was dropped: open another one, as a mail client would
            }
        }
    }
}
