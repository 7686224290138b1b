package io.vanishwatch.notifier.delivery.email;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.util.Date;
import java.util.Properties;

import javax.net.ssl.SSLException;

import io.vanishwatch.notifier.content.NoticeText;
import io.vanishwatch.notifier.content.PlainText;
import io.vanishwatch.notifier.delivery.Channel;
import io.vanishwatch.notifier.delivery.DeliveryResult;
import io.vanishwatch.notifier.delivery.Notice;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Sends a notice as an e-mail over SMTP (Angus Mail) — multipart/alternative, plain text and HTML, UTF-8 — with TLS
 * and certificate checks unless told otherwise.
 */
public final class EmailChannel implements Channel {

    /** Header naming the notification, so a mailbox rule or a person can tell repeats apart. */
    public static final String NOTIFICATION_HEADER = "X-Vanishwatch-Notification";

    private final EmailSettings settings;
    private final Clock clock;
    private final Session session;

    public EmailChannel(EmailSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.session = Session.getInstance(sessionProperties(settings));
    }


    @Override
    public String name() {
        return "email";
    }

    @Override
    public DeliveryResult deliver(Notice notice) {
        try {
            MimeMessage message = message(notice);
            try (Transport transport = session.getTransport(protocol(settings.security()))) {
                transport.connect(settings.host(), settings.port(), settings.username().orElse(null),
                        settings.password().orElse(null));
                transport.sendMessage(message, message.getAllRecipients());
            }
            return DeliveryResult.sent("accepted by " + settings.host() + ":" + settings.port()
                    + " for " + String.join(", ", settings.to()));
        } catch (MessagingException e) {
            return classify(e);
        }
    }

    private MimeMessage message(Notice notice) throws MessagingException {
        NoticeText text = NoticeText.of(notice);
        MimeMessage message = new StableIdMessage(session, messageId(notice));
        message.setFrom(new InternetAddress(settings.from()));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(String.join(",", settings.to())));
        message.setSubject(AlertEmail.subject(text), "UTF-8");
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(PlainText.body(text), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(AlertEmail.html(text), "UTF-8", "html");
        message.setContent(new MimeMultipart("alternative", plain, html));
        message.setHeader("Content-Language", text.language());
        message.setSentDate(Date.from(clock.instant()));
        // an account name may be Japanese: RFC 2047 keeps the header ASCII (unchanged when it already is)
        message.setHeader(NOTIFICATION_HEADER, encoded(notice.key()));
        return message;
    }

    private static String encoded(String headerText) throws MessagingException {
        try {
            return MimeUtility.fold(NOTIFICATION_HEADER.length() + 2, MimeUtility.encodeText(headerText, "UTF-8", null));
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("every Java runtime has UTF-8", e);
        }
    }

    /**
     * {@code <sha256-of-notification-key@vanishwatch>}: the same for every attempt and repeat of one notification, so
     * a mail client or a mailbox rule shows a repeat as the same message.
     */
    public static String messageId(Notice notice) {
        return "<" + notice.digest() + "@vanishwatch>";
    }

    /** A message whose {@code Message-ID} is given, not generated afresh by {@code saveChanges}. */
    private static final class StableIdMessage extends MimeMessage {

        private final String messageId;

        StableIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }

    /** SMTP 4xx, connect errors and timeouts are worth another attempt; 5xx, authentication and TLS are not. */
    static DeliveryResult classify(MessagingException failure) {
        if (failure instanceof AuthenticationFailedException) {
            return DeliveryResult.permanent("SMTP authentication failed: " + failure.getMessage());
        }
        Integer code = returnCode(failure);
        if (code != null) {
            String detail = "SMTP " + code + ": " + oneLine(failure.getMessage());
            return code >= 400 && code < 500 ? DeliveryResult.retryable(detail) : DeliveryResult.permanent(detail);
        }
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof SSLException || cause instanceof java.security.cert.CertificateException) {
                return DeliveryResult.permanent("TLS failed (certificate or protocol): " + oneLine(cause.getMessage()));
            }
        }
        if (String.valueOf(failure.getMessage()).contains("STARTTLS")) {
            return DeliveryResult.permanent(oneLine(failure.getMessage()));
        }
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof IOException) {
                return DeliveryResult.retryable(cause.getClass().getSimpleName() + ": " + oneLine(failure.getMessage()));
            }
        }
        return DeliveryResult.retryable(oneLine(failure.getMessage()));
    }

    private static Integer returnCode(MessagingException failure) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof SMTPSendFailedException) {
                return ((SMTPSendFailedException) cause).getReturnCode();
            }
            if (cause instanceof SMTPAddressFailedException) {
                return ((SMTPAddressFailedException) cause).getReturnCode();
            }
            if (cause instanceof SMTPSenderFailedException) {
                return ((SMTPSenderFailedException) cause).getReturnCode();
            }
        }
        return null;
    }

    private static Throwable next(Throwable cause) {
        if (cause instanceof MessagingException && ((MessagingException) cause).getNextException() != null) {
            return ((MessagingException) cause).getNextException();
        }
        return cause.getCause() == cause ? null : cause.getCause();
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ");
    }

    static String protocol(SmtpSecurity security) {
        return security == SmtpSecurity.TLS ? "smtps" : "smtp";
    }

    static Properties sessionProperties(EmailSettings settings) {
        String prefix = "mail." + protocol(settings.security()) + ".";
        Properties props = new Properties();
        String timeout = String.valueOf(settings.timeout().toMillis());
        props.setProperty(prefix + "connectiontimeout", timeout);
        props.setProperty(prefix + "timeout", timeout);
        props.setProperty(prefix + "writetimeout", timeout);
        props.setProperty(prefix + "auth", String.valueOf(settings.username().isPresent()));
        if (settings.security() == SmtpSecurity.STARTTLS) {
            props.setProperty(prefix + "starttls.enable", "true");
            props.setProperty(prefix + "starttls.required", "true");
        }
        if (settings.security() != SmtpSecurity.PLAIN) {
            props.setProperty(prefix + "ssl.checkserveridentity", String.valueOf(settings.verifyCertificates()));
            if (!settings.verifyCertificates()) {
                props.setProperty(prefix + "ssl.trust", "*");
            }
        }
        return props;
    }
}
