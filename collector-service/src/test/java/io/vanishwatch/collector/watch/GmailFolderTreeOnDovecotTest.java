package io.vanishwatch.collector.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vanishwatch.collector.config.AccountSettings;
import io.vanishwatch.collector.config.Password;
import io.vanishwatch.collector.config.Security;
import io.vanishwatch.collector.imap.AngusImapConnector;
import io.vanishwatch.collector.publish.EventPublisher;
import io.vanishwatch.collector.publish.Publication;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.MailboxEvent.Type;
import io.vanishwatch.events.Verdict.Location;
import io.vanishwatch.local.mail.DovecotServer;

/**
 * A Dovecot whose folders are named and marked as Gmail's ({@code [Gmail]/All Mail} with {@code \All}, ...) and whose
 * mail is kept the Gmail way, one copy per label: the real server's LIST, LIST-STATUS and NOTIFY with those names, and
 * the verdicts of an archive, a delete and a label taken off.
 */
class GmailFolderTreeOnDovecotTest {

    private static final String PASSWORD = "gina-secret";
    private static final String ALL_MAIL = "[Gmail]/All Mail";
    private static final String TRASH = "[Gmail]/Trash";
    private static final WatchSettings FAST = new WatchSettings(Duration.ofMillis(200), Duration.ofSeconds(1),
            Duration.ofMinutes(25), Duration.ofSeconds(60), Duration.ofSeconds(15));

    @TempDir
    static Path workDir;

    private static DovecotServer dovecot;
    private static ScheduledExecutorService timer;

    @BeforeAll
    static void startDovecot() {
        assumeTrue(DovecotServer.isInstalled(), DovecotServer.notInstalledMessage());
        Map<String, String> gmail = new LinkedHashMap<>();
        gmail.put(ALL_MAIL, "\\All");
        gmail.put("[Gmail]/Spam", "\\Junk");
        gmail.put(TRASH, "\\Trash");
        gmail.put("[Gmail]/Sent Mail", "\\Sent");
        gmail.put("Invoices", "");
        dovecot = DovecotServer.start(workDir, Map.of("gina", PASSWORD),
                DovecotServer.Options.DEFAULTS.withMailboxes(gmail));
        timer = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    static void stopDovecot() {
        if (dovecot != null) {
            dovecot.close();
        }
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    @Test
    void archiveDeleteAndALabelTakenOffSayWhereTheMailIsWithGmailsFolderNames() throws Exception {
        deliver("<archived@x>", "INBOX", ALL_MAIL);
        deliver("<labelled@x>", "INBOX", "Invoices", ALL_MAIL);
        deliver("<deleted@x>", "INBOX", ALL_MAIL);
        deliver("<unlabelled@x>", "Invoices", ALL_MAIL);
        List<MailboxEvent> published = new CopyOnWriteArrayList<>();
        EventPublisher publisher = (Publication publication) -> published.addAll(publication.events());
        AccountSettings gina = new AccountSettings("gina", dovecot.host(), dovecot.port(), Security.PLAIN, true,
                "gina", new Password(PASSWORD), "INBOX", Optional.empty(), Optional.empty(), List.of(), 2);
        AccountWatcher watcher = new AccountWatcher(gina, Map.of(), new AngusImapConnector(FAST.longestIdle(), timer),
                publisher, FAST, Clock.systemUTC(), Pause.REAL);
        Thread watching = new Thread(watcher, "watch-gina");
        watching.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> published.stream()
                    .filter(e -> e.type() == Type.FOLDER_RESYNCED).count() == 6);
            assertThat(published).filteredOn(e -> e.type() == Type.FOLDER_RESYNCED)
                    .extracting(MailboxEvent::folder, MailboxEvent::folderRole).containsExactlyInAnyOrder(
                            tuple("INBOX", FolderRole.INBOX), tuple(ALL_MAIL, FolderRole.ALL_MAIL),
                            tuple("[Gmail]/Spam", FolderRole.JUNK), tuple(TRASH, FolderRole.TRASH),
                            tuple("[Gmail]/Sent Mail", FolderRole.SENT), tuple("Invoices", FolderRole.OTHER));

            // when a device archives two messages, deletes one the Gmail way and takes a label off
            try (IMAPStore device = dovecot.account("gina").connect()) {
                expunge(device, "INBOX", "<archived@x>", "<labelled@x>");
                IMAPFolder inbox = (IMAPFolder) device.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                inbox.moveMessages(inbox.search(new MessageIDTerm("<deleted@x>")), device.getFolder(TRASH));
                inbox.close(false);
                expunge(device, ALL_MAIL, "<deleted@x>");
                expunge(device, "Invoices", "<unlabelled@x>");
            }

            // then every removal says where the message is now, and none is gone from the server
            await().atMost(Duration.ofSeconds(20)).until(() -> published.stream()
                    .filter(e -> e.type() == Type.REMOVED).count() == 5);
            assertThat(published).filteredOn(e -> e.type() == Type.REMOVED)
                    .extracting(MailboxEvent::folder, MailboxEvent::messageId, e -> e.verdict().location(),
                            e -> e.verdict().folder(), e -> e.verdict().folderRole())
                    .containsExactlyInAnyOrder(
                            tuple("INBOX", "<archived@x>", Location.IN_FOLDER, ALL_MAIL, FolderRole.ALL_MAIL),
                            tuple("INBOX", "<labelled@x>", Location.IN_FOLDER, "Invoices", FolderRole.OTHER),
                            tuple("INBOX", "<deleted@x>", Location.IN_FOLDER, TRASH, FolderRole.TRASH),
                            tuple(ALL_MAIL, "<deleted@x>", Location.IN_FOLDER, TRASH, FolderRole.TRASH),
                            tuple("Invoices", "<unlabelled@x>", Location.IN_FOLDER, ALL_MAIL, FolderRole.ALL_MAIL));
        } finally {
            watcher.stop();
            watching.interrupt();
            watching.join(10_000);
        }
    }

    /** The same message in each folder, as Gmail shows a message under each of its labels. */
    private static void deliver(String messageId, String... folders) throws Exception {
        for (String folder : folders) {
            dovecot.append("gina", folder, message(messageId));
        }
    }

    private static void expunge(IMAPStore store, String folderName, String... messageIds) throws MessagingException {
        Folder folder = store.getFolder(folderName);
        folder.open(Folder.READ_WRITE);
        for (String messageId : messageIds) {
            folder.setFlags(folder.search(new MessageIDTerm(messageId)), new Flags(Flags.Flag.DELETED), true);
        }
        folder.close(true);
    }

    private static MimeMessage message(String messageId) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(new InternetAddress("billing@shop.example"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("gina@gmail.example"));
        message.setSubject("About " + messageId);
        message.setText(messageId);
        message.saveChanges();
        return message;
    }
}
