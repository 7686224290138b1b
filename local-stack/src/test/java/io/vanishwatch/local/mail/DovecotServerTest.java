package io.vanishwatch.local.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vanishwatch.local.office.DeviceAction;
import io.vanishwatch.local.office.JunkFilter;
import io.vanishwatch.local.office.JunkFilteringMac;
import io.vanishwatch.local.office.OfficeMailSource;
import io.vanishwatch.local.office.ServerJunkMover;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DovecotServerTest {

    private static final Pattern SESSION = Pattern.compile("<([A-Za-z0-9+/]+)> rip=");

    @TempDir
    static Path workDir;

    private static DovecotServer dovecot;
    private final OfficeMailSource mail = new OfficeMailSource("alice@vanishwatch.test", 3);

    @BeforeAll
    static void startDovecot() {
        assumeTrue(DovecotServer.isInstalled(), DovecotServer.notInstalledMessage());
        dovecot = DovecotServer.start(workDir, Map.of("alice", "alice-secret", "bob", "bob-secret",
                "carol", "carol-secret"));
    }

    @AfterAll
    static void stopDovecot() {
        if (dovecot != null) {
            dovecot.close();
        }
    }

    @Test
    void shouldAcceptALoginAndAdvertiseWhatTheCollectorRelies() throws Exception {
        try (IMAPStore store = dovecot.account("alice").connect()) {
            for (String capability : List.of("IDLE", "MOVE", "UIDPLUS", "CONDSTORE", "QRESYNC", "ID", "SPECIAL-USE")) {
                assertThat(store.hasCapability(capability)).as(capability).isTrue();
            }
        }
        assertThat(dovecot.host()).isEqualTo("127.0.0.1");
        assertThat(dovecot.port()).isPositive();
    }

    @Test
    void shouldRefuseAWrongPassword() {
        MailAccount wrong = new MailAccount(dovecot.host(), dovecot.port(), "alice", "wrong");
        assertThatThrownBy(wrong::connect)
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void shouldOfferJunkAndTrashAsSpecialUseFolders() throws Exception {
        try (IMAPStore store = dovecot.account("bob").connect()) {
            assertThat(List.of(((IMAPFolder) store.getFolder("Junk")).getAttributes())).contains("\\Junk");
            assertThat(List.of(((IMAPFolder) store.getFolder("Trash")).getAttributes())).contains("\\Trash");
        }
    }

    @Test
    void shouldStoreMailUnderAnUnprivilegedOwner() throws Exception {
        dovecot.append("bob", "INBOX", mail.next(OfficeMailSource.Kind.COLLEAGUE));
        String owner = Files.getOwner(dovecot.workDir().resolve("mail/bob/Maildir")).getName();
        assertThat(owner).isNotEqualTo("root");
    }

    @Test
    void shouldAppendWithAUidAndDeliverLikeAMailServer() throws Exception {
        // when one message is appended and one delivered through dovecot-lda
        long uid = dovecot.append("bob", "bob-secret", "INBOX", mail.next(OfficeMailSource.Kind.CUSTOMER));
        String delivered = dovecot.deliver("bob", mail.next(OfficeMailSource.Kind.COLLEAGUE));

        // then both are in bob's INBOX, and the log records the delivery
        List<ReceivedMail> inbox = MailboxReader.readInbox(dovecot.account("bob"));
        assertThat(uid).isPositive();
        assertThat(inbox).extracting(ReceivedMail::uid).contains(uid);
        assertThat(inbox).extracting(ReceivedMail::messageId).contains(delivered);
        await().atMost(Duration.ofSeconds(5)).until(() -> dovecot.logLines().stream()
                .anyMatch(line -> line.contains("msgid=" + delivered + ": saved mail to INBOX")));
    }

    @Test
    void shouldLogTheIdOfTheDeviceThatTookAMessageOffTheServer() throws Exception {
        String invoiceTaken;
        try (JunkFilteringMac mac = new JunkFilteringMac("Mac (front desk)", dovecot.account("alice"),
                JunkFilter.fromSenders(OfficeMailSource.invoiceSenders()))) {
            // given a Mac that has looked at alice's INBOX before, and an invoice delivered since
            mac.checkOnce();
            String invoice = dovecot.deliver("alice", mail.next(OfficeMailSource.Kind.SUPPLIER_INVOICE));

            // when the Mac's junk filter takes it off the server
            assertThat(mac.checkOnce()).extracting(DeviceAction::messageId).containsExactly(invoice);
            assertThat(mac.localCopies()).singleElement()
                    .satisfies(copy -> assertThat(copy.unreadWhenTaken()).isTrue());
            invoiceTaken = invoice;
        }
        String invoice = invoiceTaken;

        // then Dovecot logged the expunge, unread, in a session that identified itself as the Mac
        String expunge = await().atMost(Duration.ofSeconds(5)).until(
                () -> logLine("expunge: box=INBOX", invoice), Optional::isPresent).orElseThrow();
        assertThat(expunge).contains("flags=(\\Deleted").doesNotContain("\\Seen");
        String session = sessionOf(expunge);
        assertThat(dovecot.logLines()).anyMatch(line -> line.contains("<" + session + ">")
                && line.contains("ID sent: name=Mac (front desk),"));
        assertThat(MailboxReader.readInbox(dovecot.account("alice")))
                .extracting(ReceivedMail::messageId).doesNotContain(invoice);
    }

    @Test
    void shouldLogAMoveToJunkAsACopyAndAnExpunge() throws Exception {
        String newsletter = dovecot.deliver("alice", mail.next(OfficeMailSource.Kind.NEWSLETTER));

        try (ServerJunkMover mover = new ServerJunkMover("MacBook (back office)", dovecot.account("alice"),
                JunkFilter.fromSenders(OfficeMailSource.newsletterSenders()))) {
            assertThat(mover.checkOnce()).singleElement()
                    .satisfies(action -> assertThat(action.destination()).isEqualTo("Junk"));
        }

        String copy = await().atMost(Duration.ofSeconds(5)).until(
                () -> logLine("copy from INBOX: box=Junk", newsletter), Optional::isPresent).orElseThrow();
        assertThat(dovecot.logLines()).anyMatch(line -> line.contains("<" + sessionOf(copy) + ">")
                && line.contains("ID sent: name=MacBook (back office),"));
        assertThat(MailboxReader.read(dovecot.account("alice"), "Junk"))
                .extracting(ReceivedMail::messageId).contains(newsletter);
    }

    @Test
    void shouldWantAChangedPasswordAtTheNextLoginAndEndTheUsersSessionsWhenKicked() throws Exception {
        try (IMAPStore loggedIn = dovecot.account("carol").connect()) {
            IMAPFolder inbox = (IMAPFolder) loggedIn.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);

            // when the password is changed, and soon changed again
            dovecot.changePassword("carol", "carol-2nd");
            await().atMost(Duration.ofSeconds(5)).until(() -> logsIn("carol-2nd"));
            dovecot.changePassword("carol", "carol-3rd");

            // then a new login needs the last one, and the server's account says so
            await().atMost(Duration.ofSeconds(5)).until(() -> logsIn("carol-3rd"));
            assertThat(logsIn("carol-secret")).isFalse();
            assertThat(logsIn("carol-2nd")).isFalse();
            assertThat(dovecot.account("carol").password()).isEqualTo("carol-3rd");

            // while the session logged in before still works, until the user is kicked
            assertThat(noop(inbox)).isTrue();
            dovecot.kick("carol");
            await().atMost(Duration.ofSeconds(5)).until(() -> !noop(inbox));
        } finally {
            dovecot.changePassword("carol", "carol-secret");
        }
    }

    private static boolean logsIn(String password) {
        try (IMAPStore store = new MailAccount(dovecot.host(), dovecot.port(), "carol", password).connect()) {
            return store.isConnected();
        } catch (MessagingException refused) {
            return false;
        }
    }

    private static boolean noop(IMAPFolder folder) {
        try {
            folder.doCommand(protocol -> {
                protocol.simpleCommand("NOOP", null);
                return null;
            });
            return true;
        } catch (MessagingException | IllegalStateException closed) {
            return false;
        }
    }

    private static Optional<String> logLine(String event, String messageId) {
        return dovecot.logLines().stream()
                .filter(line -> line.contains(event) && line.contains("msgid=" + messageId))
                .findFirst();
    }

    private static String sessionOf(String line) {
        Matcher matcher = SESSION.matcher(line);
        assertThat(matcher.find()).as("session id in " + line).isTrue();
        return matcher.group(1);
    }

}
