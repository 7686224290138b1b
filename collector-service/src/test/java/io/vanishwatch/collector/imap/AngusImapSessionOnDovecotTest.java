package io.vanishwatch.collector.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vanishwatch.collector.config.AccountSettings;
import io.vanishwatch.collector.config.Password;
import io.vanishwatch.collector.config.Security;
import io.vanishwatch.collector.sync.FolderSnapshot;
import io.vanishwatch.collector.sync.FolderStatus;
import io.vanishwatch.local.mail.DovecotServer;

/** The watcher's IMAP session against a real Dovecot: SPECIAL-USE, LIST-STATUS, NOTIFY, and what a MOVE looks like. */
class AngusImapSessionOnDovecotTest {

    @TempDir
    static Path workDir;

    private static DovecotServer dovecot;
    private static ScheduledExecutorService timer;
    private static AngusImapConnector connector;

    @BeforeAll
    static void startDovecot() {
        assumeTrue(DovecotServer.isInstalled(), DovecotServer.notInstalledMessage());
        dovecot = DovecotServer.start(workDir, Map.of("alice", "alice-secret", "bob", "bob-secret",
                "carol", "carol-secret", "dave", "dave-secret"));
        timer = Executors.newSingleThreadScheduledExecutor();
        connector = new AngusImapConnector(Duration.ofMinutes(1), timer);
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

    private static AccountSettings account(String user, String password) {
        return new AccountSettings(user, dovecot.host(), dovecot.port(), Security.PLAIN, true, user,
                new Password(password), "INBOX", Optional.empty(), Optional.empty(), List.of(), 2);
    }

    private static MimeMessage message(String messageId, String subject) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(new InternetAddress("news@shop.example"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("alice@vanishwatch.test"));
        message.setSubject(subject);
        message.setText(subject);
        message.saveChanges();
        return message;
    }

    @Test
    void listsEveryFolderWithItsSpecialUseAndTellsTheirStatusInOneRoundTrip() throws Exception {
        dovecot.append("alice", "INBOX", message("<s1@x>", "one"));
        try (ImapSession session = connector.open(account("alice", "alice-secret"))) {
            List<ListedFolder> folders = session.list();
            Map<String, io.vanishwatch.events.FolderRole> roles = FolderRoles.assign(folders, "INBOX", Map.of());
            assertThat(roles).containsEntry("INBOX", io.vanishwatch.events.FolderRole.INBOX)
                    .containsEntry("Junk", io.vanishwatch.events.FolderRole.JUNK)
                    .containsEntry("Trash", io.vanishwatch.events.FolderRole.TRASH);
            assertThat(session.supports("LIST-STATUS")).isTrue();

            Map<String, FolderStatus> statuses = session.status(List.of("INBOX", "Junk"));

            assertThat(statuses.get("INBOX").messages()).isEqualTo(1);
            assertThat(statuses.get("INBOX").uidNext()).isEqualTo(2);
            assertThat(statuses.get("INBOX").unseen()).isEqualTo(1);
            assertThat(statuses.get("INBOX").highestModSeq()).as("CONDSTORE").isPositive();
            assertThat(statuses.get("Junk").messages()).isZero();
            assertThat(statuses.get("INBOX").uidValidity()).isPositive();
        }
    }

    @Test
    void notifyTellsTheIdlingConnectionWhichOtherFolderChangedAndAMoveFindsItsCopyInPlace() throws Exception {
        try (ImapSession live = connector.open(account("bob", "bob-secret"));
             ImapSession scout = connector.open(account("bob", "bob-secret"))) {
            live.examine("INBOX");
            FolderStatus junkBefore = scout.status(List.of("Junk")).get("Junk");
            assertThat(live.notifyAllFolders()).isTrue();

            // when another client appends to Junk while the live connection idles
            dovecot.append("bob", "Junk", message("<j1@x>", "junk"));
            Changes changes = live.await(Duration.ofSeconds(10));

            // then the live connection is told that Junk changed, not INBOX
            assertThat(changes.folders()).containsExactly("Junk");
            assertThat(changes.selected()).isFalse();

            // and when a message is moved from INBOX to Junk
            dovecot.append("bob", "INBOX", message("<m1@x>", "move me"));
            assertThat(live.await(Duration.ofSeconds(10)).selected()).isTrue();
            moveAll("bob", "bob-secret", "INBOX", "Junk");
            Instant asked = Instant.now();
            Changes moved = live.await(Duration.ofSeconds(10));
            assertThat(moved.selected()).isTrue();

            // then by the time the expunge is announced the copy is already in Junk
            FolderStatus junkAfter = scout.status(List.of("Junk")).get("Junk");
            assertThat(junkAfter.uidNext()).isEqualTo(junkBefore.uidNext() + 2);
            assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(5));
            scout.examine("Junk");
            assertThat(scout.searchMessageId("<m1@x>")).hasSize(1);
            assertThat(live.snapshot().isEmpty()).isTrue();
        }
    }

    @Test
    void theSnapshotHoldsEveryUidInOrderWithItsFlagsAndCountsTheUnseen() throws Exception {
        for (int i = 1; i <= 3; i++) {
            dovecot.append("dave", "INBOX", message("<f" + i + "@x>", "flags " + i));
        }
        try (IMAPStore store = dovecot.account("dave").connect()) {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            inbox.getMessageByUID(2).setFlags(new Flags(Flags.Flag.SEEN), true);
            inbox.getMessageByUID(2).setFlags(new Flags(Flags.Flag.ANSWERED), true);
            inbox.getMessageByUID(2).setFlags(new Flags("$Junk"), true);
            inbox.getMessageByUID(3).setFlags(new Flags(Flags.Flag.SEEN), true);
            inbox.close(false);
        }
        try (ImapSession session = connector.open(account("dave", "dave-secret"))) {
            session.examine("INBOX");

            FolderSnapshot snapshot = session.snapshot();

            List<Long> uids = new java.util.ArrayList<>();
            snapshot.forEachUid(uids::add);
            assertThat(uids).containsExactly(1L, 2L, 3L);
            assertThat(snapshot.flags(1)).isEmpty();
            assertThat(snapshot.flags(2)).containsExactlyInAnyOrder("\\Seen", "\\Answered", "$Junk");
            assertThat(snapshot.flags(3)).containsExactly("\\Seen");
            assertThat(snapshot.status().messages()).isEqualTo(3);
            assertThat(snapshot.status().unseen()).isEqualTo(1);
            assertThat(snapshot.status().uidNext()).isEqualTo(4);
        }
    }

    @Test
    void closingFromAnotherThreadEndsALongIdleAtOnce() throws Exception {
        ImapSession live = connector.open(account("carol", "carol-secret"));
        live.examine("INBOX");
        java.util.concurrent.CompletableFuture<Object> waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return live.await(Duration.ofMinutes(10));
            } catch (Exception e) {
                return e;
            }
        });
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> dovecot.logLines().stream()
                .anyMatch(line -> line.contains("imap(carol)")));

        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5), live::close);

        assertThat(waiting.get(5, java.util.concurrent.TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailureWithoutThePassword() {
        assertThatThrownBy(() -> connector.open(account("carol", "not-her-password")))
                .isInstanceOfSatisfying(MailboxException.class, e -> {
                    assertThat(e.failure()).isEqualTo(MailboxException.Failure.AUTH_FAILED);
                    assertThat(e.getMessage()).startsWith("authentication failed").doesNotContain("not-her-password");
                });
    }

    @Test
    void aFolderThatDoesNotExistIsNamedAsSuch() throws Exception {
        try (ImapSession session = connector.open(account("carol", "carol-secret"))) {
            assertThatThrownBy(() -> session.examine("Nowhere"))
                    .isInstanceOfSatisfying(MailboxException.class, e ->
                            assertThat(e.failure()).isEqualTo(MailboxException.Failure.NO_SUCH_FOLDER));
            assertThat(session.status(List.of("Nowhere", "INBOX"))).containsOnlyKeys("INBOX");
        }
    }

    private static void moveAll(String user, String password, String from, String to) throws Exception {
        try (IMAPStore store = new io.vanishwatch.local.mail.MailAccount(dovecot.host(), dovecot.port(), user, password)
                .connect()) {
            IMAPFolder folder = (IMAPFolder) store.getFolder(from);
            folder.open(Folder.READ_WRITE);
            folder.moveMessages(folder.getMessages(), store.getFolder(to));
            folder.close(false);
        }
    }
}
