package io.vanishwatch.notifier.delivery.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vanishwatch.events.Alert;
import io.vanishwatch.notifier.SampleAlerts;
import io.vanishwatch.notifier.content.SampleNotices;
import io.vanishwatch.notifier.delivery.DeliveryResult;
import io.vanishwatch.notifier.delivery.Notice;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.BodyPart;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The e-mail channel against a real SMTP server (GreenMail in this JVM). */
class EmailChannelTest {

    private final GreenMail greenMail = new GreenMail(new ServerSetup[] {
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS)});
    private final Alert alert = SampleAlerts.clientMovesToLocal("office@demo.example", 3);

    @BeforeEach
    void startMailServer() {
        greenMail.start();
    }

    @AfterEach
    void stopMailServer() {
        greenMail.stop();
    }

    @Test
    void sendsTheAlertWithSubjectAndBodyOverPlainSmtpWhenExplicitlySet() throws Exception {
        // given
        EmailChannel channel = channel(SmtpSecurity.PLAIN, greenMail.getSmtp().getPort(), true);

        // when
        DeliveryResult result = channel.deliver(alert);

        // then
        assertThat(result.kind()).isEqualTo(DeliveryResult.Kind.SENT);
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("[Vanishwatch] FIRING CRITICAL office@demo.example: "
                + "3 unread messages vanished (client moves new mail to local storage)");
        assertThat(received[0].getAllRecipients()).extracting(Object::toString).containsExactly("support@demo.example");
        assertThat(received[0].getFrom()[0].toString()).isEqualTo("vanishwatch@demo.example");
        assertThat(received[0].getHeader(EmailChannel.NOTIFICATION_HEADER)[0]).isEqualTo(alert.notificationKey());
        assertThat(received[0].getContentType()).startsWith("multipart/alternative");
        assertThat(plain(received[0]))
                .contains("\"Invoice 4711\" from billing@supplier.example")
                .contains("What to do:");
        assertThat(html(received[0]))
                .contains("<strong>&quot;Invoice 4711&quot; from billing@supplier.example</strong>")
                .contains("&lt;inv-4711@supplier.example&gt;");
    }

    @Test
    void aRepeatedSendOfOneNotificationCarriesTheSameMessageIdAndAnotherNotificationADifferentOne() throws Exception {
        // given
        EmailChannel channel = channel(SmtpSecurity.PLAIN, greenMail.getSmtp().getPort(), true);
        Alert resolved = SampleAlerts.resolved(alert);

        // when the same notification is sent twice (the window between a send and its record), then another
        channel.deliver(alert);
        channel.deliver(alert);
        channel.deliver(resolved);

        // then
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(3);
        String first = received[0].getMessageID();
        assertThat(first).matches("<[0-9a-f]{64}@vanishwatch>").isEqualTo(EmailChannel.messageId(Notice.of(alert)));
        assertThat(received[1].getMessageID()).isEqualTo(first);
        assertThat(received[2].getMessageID()).matches("<[0-9a-f]{64}@vanishwatch>").isNotEqualTo(first);
    }

    @Test
    void implicitTlsRefusesAServerWhoseCertificateCannotBeVerified() {
        // given GreenMail's self-signed certificate and the default: verify certificates
        EmailChannel channel = channel(SmtpSecurity.TLS, greenMail.getSmtps().getPort(), true);

        // when
        DeliveryResult result = channel.deliver(alert);

        // then nothing is sent, and retrying would not help
        assertThat(result.kind()).isEqualTo(DeliveryResult.Kind.PERMANENT);
        assertThat(result.detail()).contains("TLS");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void implicitTlsSendsWhenCertificateChecksAreExplicitlyOff() {
        EmailChannel channel = channel(SmtpSecurity.TLS, greenMail.getSmtps().getPort(), false);

        DeliveryResult result = channel.deliver(alert);

        assertThat(result.kind()).isEqualTo(DeliveryResult.Kind.SENT);
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void startTlsIsRequiredSoAServerWithoutItGetsNothing() {
        EmailChannel channel = channel(SmtpSecurity.STARTTLS, greenMail.getSmtp().getPort(), true);

        DeliveryResult result = channel.deliver(alert);

        assertThat(result.kind()).isEqualTo(DeliveryResult.Kind.PERMANENT);
        assertThat(result.detail()).contains("STARTTLS");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void aServerThatIsNotThereIsARetryableFailure() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        EmailChannel channel = channel(SmtpSecurity.PLAIN, closedPort, true);

        DeliveryResult result = channel.deliver(alert);

        assertThat(result.kind()).isEqualTo(DeliveryResult.Kind.RETRYABLE);
    }

    @Test
    void smtpReplyCodesDecideBetweenRetryAndGivingUp() throws Exception {
        InternetAddress to = new InternetAddress("support@demo.example");
        SendFailedException greylisted = new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException(to, "RCPT TO", 451, "451 4.7.1 greylisted, try later"));
        SMTPSendFailedException rejected = new SMTPSendFailedException("DATA", 554, "554 5.7.1 rejected as spam",
                null, null, null, null);

        assertThat(EmailChannel.classify(greylisted).kind()).isEqualTo(DeliveryResult.Kind.RETRYABLE);
        assertThat(EmailChannel.classify(rejected).kind()).isEqualTo(DeliveryResult.Kind.PERMANENT);
        assertThat(EmailChannel.classify(new AuthenticationFailedException("535 5.7.8 bad credentials")).kind())
                .isEqualTo(DeliveryResult.Kind.PERMANENT);
    }

    @Test
    void aJapaneseReceiverGetsAJapaneseSubjectAndBodyInUtf8WithTimesInTokyo() throws Exception {
        // given
        EmailChannel channel = channel(SmtpSecurity.PLAIN, greenMail.getSmtp().getPort(), true);
        Notice notice = SampleNotices.of(alert, SampleNotices.JAPANESE_TOKYO);

        // when
        DeliveryResult result = channel.deliver(notice);

        // then Jakarta Mail reads back what was meant: the subject decoded from RFC 2047, each part from UTF-8
        assertThat(result.kind()).isEqualTo(DeliveryResult.Kind.SENT);
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.getHeader("Subject")[0]).startsWith("=?UTF-8?");
        assertThat(received.getSubject()).isEqualTo("[Vanishwatch] [発生・重大] office@demo.example: "
                + "未読メール3件がサーバーから消えました（端末が新着メールを端末内へ移動）");
        assertThat(received.getHeader("Content-Language")[0]).isEqualTo("ja");
        assertThat(received.getHeader(EmailChannel.NOTIFICATION_HEADER)[0]).isEqualTo(alert.notificationKey());
        assertThat(plain(received))
                .contains("未読メール3件が、届いてまもなく受信トレイから消え、サーバー上のどのフォルダーにもありません。")
                .contains("考えられる原因: ある端末の迷惑メールフィルター")
                .contains("確認すること:\n各端末の迷惑メールフィルターとメールルールを確認してください。")
                .contains("1. 「Invoice 4711」 差出人: billing@supplier.example")
                .contains("受信 2025年3月10日 18:14:02 JST（INBOX）、42秒後に削除、未読")
                .contains("最初の検知: 2025年3月10日 18:14:02 JST")
                .doesNotContain("unread messages left INBOX", "What to do", "UTC");
        assertThat(html(received))
                .contains("<html lang=\"ja\">")
                .contains("<strong>「Invoice 4711」 差出人: billing@supplier.example</strong>")
                .contains("<th style=\"text-align: left; padding-right: 1em\">最初の検知</th><td>2025年3月10日 18:14:02 JST</td>");
    }

    @Test
    void aJapaneseAccountNameTravelsInTheNotificationHeaderEncodedAndDecodesBack() throws Exception {
        Alert japaneseAccount = SampleAlerts.clientMovesToLocal("経理@demo.example", 1);
        EmailChannel channel = channel(SmtpSecurity.PLAIN, greenMail.getSmtp().getPort(), true);

        channel.deliver(SampleNotices.of(japaneseAccount, SampleNotices.JAPANESE_TOKYO));

        String header = greenMail.getReceivedMessages()[0].getHeader(EmailChannel.NOTIFICATION_HEADER)[0];
        assertThat(header).startsWith("=?UTF-8?").matches("\\p{ASCII}+");
        assertThat(MimeUtility.decodeText(MimeUtility.unfold(header))).isEqualTo(japaneseAccount.notificationKey());
    }

    @Test
    void theHtmlPartEscapesWhatTheMessagesSay() throws Exception {
        // given a subject and a sender that are markup
        Alert hostile = SampleNotices.withFirstMessage(alert, "<script>alert('x')</script>", "\"Eve\" <eve@evil.example>");
        EmailChannel channel = channel(SmtpSecurity.PLAIN, greenMail.getSmtp().getPort(), true);

        // when
        channel.deliver(hostile);

        // then the HTML shows them as text, the plain text as they are
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(html(received))
                .contains("&quot;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot; from &quot;Eve&quot; &lt;eve@evil.example&gt;")
                .doesNotContain("<script>", "<eve@");
        assertThat(plain(received)).contains("\"<script>alert('x')</script>\" from \"Eve\" <eve@evil.example>");
    }

    @Test
    void aGroupIsOneEmailWithTheGroupsHeadlineAndEveryAlertOnce() throws Exception {
        // given
        EmailChannel channel = channel(SmtpSecurity.PLAIN, greenMail.getSmtp().getPort(), true);
        Notice group = SampleNotices.group(Notice.Presentation.DEFAULT);

        // when
        channel.deliver(group);

        // then
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.getSubject()).isEqualTo("[Vanishwatch] 3 alerts on office");
        assertThat(received.getHeader(EmailChannel.NOTIFICATION_HEADER)[0]).isEqualTo("office-staff/group-1");
        assertThat(received.getMessageID()).isEqualTo(EmailChannel.messageId(group));
        for (String body : List.of(plain(received), html(received))) {
            for (Alert member : group.alerts()) {
                assertThat(occurrences(body, member.alertKey())).as(member.alertKey()).isEqualTo(1);
            }
            for (String subject : List.of("Invoice 4711", "Invoice 4712", "Order 88 confirmed", "Old thread 0",
                    "Old thread 1")) {
                assertThat(occurrences(body, subject)).as(subject).isEqualTo(1);
            }
        }
        assertThat(plain(received)).contains("== FIRING CRITICAL office: 3 unread messages vanished",
                "== FIRING CRITICAL office: 50 messages removed (mass removal) ==",
                "== FIRING CRITICAL office: Vanishwatch cannot read this account (watcher blind) ==");
    }

    @Test
    void theTimelineLinkIsInBothPartsWhenABaseUrlIsConfiguredAndNowhereOtherwise() throws Exception {
        EmailChannel channel = channel(SmtpSecurity.PLAIN, greenMail.getSmtp().getPort(), true);

        channel.deliver(SampleNotices.of(alert, SampleNotices.WITH_TIMELINE));
        channel.deliver(SampleNotices.of(alert, Notice.Presentation.DEFAULT));

        MimeMessage[] received = greenMail.getReceivedMessages();
        String link = "https://vw.example/dashboard/#account=office%40demo.example";
        assertThat(plain(received[0])).contains("Timeline of the account: " + link);
        assertThat(html(received[0])).contains("<a href=\"" + link.replace("&", "&amp;") + "\">Timeline of the account</a>");
        assertThat(plain(received[1])).doesNotContain("timeline", "Timeline");
        assertThat(html(received[1])).doesNotContain("timeline", "Timeline");
    }

    @Test
    void aReminderAndAnUndeliveredNoticeSayWhatTheyAre() throws Exception {
        EmailChannel channel = channel(SmtpSecurity.PLAIN, greenMail.getSmtp().getPort(), true);

        channel.deliver(SampleNotices.repeat(alert, Notice.Presentation.DEFAULT));
        channel.deliver(SampleNotices.undelivered(alert, Notice.Presentation.DEFAULT));

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received[0].getSubject()).isEqualTo("[Vanishwatch] Still firing: FIRING CRITICAL office@demo.example: "
                + "3 unread messages vanished (client moves new mail to local storage)");
        assertThat(plain(received[0])).contains("A reminder: this alert is still open").contains("Invoice 4711");
        assertThat(received[1].getSubject()).startsWith("[Vanishwatch] Could not deliver to slack: FIRING CRITICAL");
        assertThat(plain(received[1]))
                .contains("Could not deliver the alert \"FIRING CRITICAL office@demo.example: 3 unread messages vanished"
                        + " (client moves new mail to local storage)\" to slack: HTTP 404: no_team after 5 attempts.")
                .contains("Notification (slack): " + alert.notificationKey())
                .doesNotContain("Invoice 4711");
    }

    private static String plain(MimeMessage message) throws Exception {
        return part(message, "text/plain");
    }

    private static String html(MimeMessage message) throws Exception {
        return part(message, "text/html");
    }

    /** The decoded text of the alternative of {@code type}, checking that it says UTF-8. */
    private static String part(MimeMessage message, String type) throws Exception {
        MimeMultipart alternatives = (MimeMultipart) message.getContent();
        assertThat(alternatives.getCount()).isEqualTo(2);
        for (int i = 0; i < alternatives.getCount(); i++) {
            BodyPart part = alternatives.getBodyPart(i);
            if (part.isMimeType(type)) {
                assertThat(new ContentType(part.getContentType()).getParameter("charset")).isEqualToIgnoringCase("UTF-8");
                return (String) part.getContent();
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    private static int occurrences(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    private EmailChannel channel(SmtpSecurity security, int port, boolean verifyCertificates) {
        EmailSettings settings = new EmailSettings("127.0.0.1", port, security, verifyCertificates, Optional.empty(),
                Optional.empty(), "vanishwatch@demo.example", List.of("support@demo.example"), Duration.ofSeconds(5));
        return new EmailChannel(settings, Clock.systemUTC());
    }
}
