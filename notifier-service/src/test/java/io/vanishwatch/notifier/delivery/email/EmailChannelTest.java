package io.vanishwatch.notifier.delivery.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vanishwatch.notifier.delivery.Notice;
import io.vanishwatch.events.Alert;
import io.vanishwatch.notifier.SampleAlerts;
import io.vanishwatch.notifier.content.AlertText;
import io.vanishwatch.notifier.delivery.DeliveryResult;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
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
        assertThat(received[0].getContent().toString())
                .contains("\"Invoice 4711\" from billing@supplier.example")
                .contains("What to do:");
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

    private EmailChannel channel(SmtpSecurity security, int port, boolean verifyCertificates) {
        EmailSettings settings = new EmailSettings("127.0.0.1", port, security, verifyCertificates, Optional.empty(),
                Optional.empty(), "vanishwatch@demo.example", List.of("support@demo.example"), Duration.ofSeconds(5));
        return new EmailChannel(settings, new AlertEmail(new AlertText(ZoneId.of("UTC"))), Clock.systemUTC());
    }
}
