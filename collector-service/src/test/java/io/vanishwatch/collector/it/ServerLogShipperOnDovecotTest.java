package io.vanishwatch.collector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import jakarta.inject.Inject;
import jakarta.mail.AuthenticationFailedException;
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

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vanishwatch.collector.serverlog.ServerLogTopic;
import io.vanishwatch.collector.watch.Watches;
import io.vanishwatch.events.ServerLogEvent;
import io.vanishwatch.events.ServerLogEvent.Action;
import io.vanishwatch.local.kafka.KafkaTestResource;
import io.vanishwatch.local.mail.DovecotServer;
import io.vanishwatch.local.mail.MailAccount;

/**
 * The collector as a log shipper (no IMAP account, only Dovecot's log) on a real Dovecot and a real broker: devices
 * on their own loopback addresses remove mail and fail to log in, and the server-log topic names each of them.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(DovecotLogTestResource.class)
class ServerLogShipperOnDovecotTest {

    private static ServerLogTopic topic;

    @Inject
    Watches watches;

    @Inject
    MeterRegistry registry;

    @io.quarkus.test.common.http.TestHTTPResource("/q/health/ready")
    java.net.URL readiness;

    @BeforeAll
    static void readTopic() {
        topic = new ServerLogTopic(KafkaTestResource.kafka().bootstrapServers(), DovecotLogTestResource.ACCOUNT);
    }

    @AfterAll
    static void closeTopic() {
        topic.close();
    }

    /** A device's IMAP session from its own loopback address (Linux routes all of 127/8 to lo). */
    private static IMAPStore device(String address, String user, String password) throws Exception {
        DovecotServer dovecot = DovecotLogTestResource.dovecot();
        MailAccount account = new MailAccount(dovecot.host(), dovecot.port(), user, password);
        Session session = account.newSession();
        session.getProperties().put("mail.imap.localaddress", address);
        IMAPStore store = (IMAPStore) session.getStore("imap");
        store.connect(dovecot.host(), dovecot.port(), user, password);
        return store;
    }

    private static MimeMessage message(String messageId) throws Exception {
        MimeMessage message = new MimeMessage((Session) null) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(new InternetAddress("bob@example.org"));
        message.setSubject("vanishing");
        message.setText("body");
        message.saveChanges();
        return message;
    }

    @Test
    void shouldNameTheClientAndAddressThatExpungedAMessage() throws Exception {
        String messageId = "<expunged-by-mac@example.org>";
        long uid = DovecotLogTestResource.dovecot().append("alice", "INBOX", message(messageId));

        try (IMAPStore mac = device("127.0.0.2", "alice", "alice-pw")) {
            IMAPFolder inbox = (IMAPFolder) mac.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            inbox.doCommand(p -> p.id(Map.of("name", "Mac OS X Mail", "version", "16.0")));
            Message doomed = inbox.getMessageByUID(uid);
            doomed.setFlag(Flags.Flag.DELETED, true);
            inbox.expunge();
            inbox.close(false);
        }

        ServerLogEvent expunge = topic.await(e -> e.action() == Action.EXPUNGE && messageId.equals(e.messageId()));
        assertThat(expunge.clientName()).isEqualTo("Mac OS X Mail");
        assertThat(expunge.clientVersion()).isEqualTo("16.0");
        assertThat(expunge.clientIp()).isEqualTo("127.0.0.2");
        assertThat(expunge.uid()).isEqualTo(uid);
        assertThat(expunge.folder()).isEqualTo("INBOX");
        assertThat(expunge.user()).isEqualTo("alice");
        assertThat(expunge.protocol()).isEqualTo("imap");
        assertThat(expunge.source()).isEqualTo("dovecot");
        assertThat(expunge.device()).startsWith("'Mac OS X Mail' 16.0 at 127.0.0.2 (imap session ");
        ServerLogEvent deleted = topic.await(e -> e.action() == Action.DELETE_FLAG_SET && messageId.equals(e.messageId()));
        assertThat(deleted.session()).isEqualTo(expunge.session());
        assertThat(deleted.flags()).contains("\\Deleted");
        assertThat(watches.statuses()).as("a log shipper watches no IMAP account").isEmpty();
        String health = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                readiness.toURI()).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(health).contains("\"server-log\"", "\"state\": \"following\"").contains("\"status\": \"UP\"");
    }

    @Test
    void shouldReportAWrongPasswordWithTheFailingClientsAddress() {
        assertThatThrownBy(() -> device("127.0.0.3", "alice", "an-old-password").close())
                .isInstanceOf(AuthenticationFailedException.class);

        ServerLogEvent failed = topic.await(e -> e.action() == Action.LOGIN_FAILED && "127.0.0.3".equals(e.clientIp()));
        assertThat(failed.user()).isEqualTo("alice");
        assertThat(failed.reason()).startsWith("auth failed, 1 attempts");
        assertThat(failed.protocol()).isEqualTo("imap");
    }

    /**
     * Dovecot logs no flag change for a message retrieved and deleted in the same POP3 session, only its expunge:
     * download-and-delete shows as a pop3 EXPUNGE; a message retrieved and left on the server as POP3_RETRIEVE.
     */
    @Test
    void shouldNameAPop3DeviceThatRetrievesAndDeletes() throws Exception {
        DovecotServer dovecot = DovecotLogTestResource.dovecot();
        org.junit.jupiter.api.Assumptions.assumeTrue(dovecot.pop3Port() != 0, "dovecot-pop3d is not installed");
        String deletedId = "<popped-and-deleted@example.org>";
        String keptId = "<popped-and-kept@example.org>";
        dovecot.append("alice", "INBOX", message(deletedId));
        dovecot.append("alice", "INBOX", message(keptId));

        Properties props = new Properties();
        props.put("mail.pop3.localaddress", "127.0.0.4");
        jakarta.mail.Store pop3 = Session.getInstance(props).getStore("pop3");
        pop3.connect(dovecot.host(), dovecot.pop3Port(), "alice", "alice-pw");
        Folder inbox = pop3.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        for (Message message : inbox.getMessages()) {
            String id = ((MimeMessage) message).getMessageID();
            if (deletedId.equals(id) || keptId.equals(id)) {
                message.getContent();
                message.setFlag(Flags.Flag.DELETED, deletedId.equals(id));
            }
        }
        inbox.close(true);
        pop3.close();

        ServerLogEvent expunged = topic.await(e -> e.action() == Action.EXPUNGE && deletedId.equals(e.messageId()));
        ServerLogEvent retrieved = topic.await(e -> e.action() == Action.POP3_RETRIEVE && keptId.equals(e.messageId()));
        assertThat(expunged.protocol()).isEqualTo("pop3");
        assertThat(expunged.clientIp()).isEqualTo("127.0.0.4");
        assertThat(retrieved.protocol()).isEqualTo("pop3");
        assertThat(retrieved.session()).isEqualTo(expunged.session());
        assertThat(topic.all()).noneMatch(e -> e.action() == Action.POP3_RETRIEVE && deletedId.equals(e.messageId()));
    }

    @Test
    void shouldCountButNotPublishWhatUnwatchedUsersDo() throws Exception {
        try (IMAPStore bob = device("127.0.0.5", "bob", "bob-pw")) {
            bob.getFolder("INBOX").exists();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> registry.find("vanishwatch.collector.server_log.lines")
                .tag("outcome", "unwatched").counter().count() >= 1);
        assertThat(topic.all()).noneMatch(e -> "bob".equals(e.user()));
    }
}
