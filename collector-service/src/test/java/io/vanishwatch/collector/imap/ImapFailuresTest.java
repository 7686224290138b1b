package io.vanishwatch.collector.imap;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.angus.mail.iap.CommandFailedException;
import org.eclipse.angus.mail.iap.Response;
import org.junit.jupiter.api.Test;

class ImapFailuresTest {

    private static CommandFailedException refused(String line) {
        return new CommandFailedException(new Response(line));
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailure() {
        MailboxException e = ImapFailures.authentication(refused("a1 NO [AUTHENTICATIONFAILED] Authentication failed."));

        assertThat(e.failure()).isEqualTo(MailboxException.Failure.AUTH_FAILED);
        assertThat(e.getMessage()).startsWith("authentication failed");
    }

    @Test
    void tooManyConnectionsIsNotTakenForAWrongPassword() {
        MailboxException e = ImapFailures.authentication(refused("a1 NO [LIMIT] Maximum number of connections from"
                + " user+IP exceeded (mail_max_userip_connections=10)"));

        assertThat(e.failure()).isEqualTo(MailboxException.Failure.UNREACHABLE);
        assertThat(e.getMessage()).contains("refused the login for now").contains("Maximum number of connections");
    }

    @Test
    void gmailsConnectionLimitAndMicrosoftsThrottlingAreNotTakenForAWrongPassword() {
        MailboxException gmail = ImapFailures.authentication(refused("a1 NO [ALERT] Too many simultaneous connections."
                + " (Failure)"));
        MailboxException microsoft = ImapFailures.authentication(refused("a1 NO Request is throttled. Suggested"
                + " Backoff Time: 92415 milliseconds"));

        assertThat(gmail.failure()).isEqualTo(MailboxException.Failure.UNREACHABLE);
        assertThat(gmail.getMessage()).contains("Too many simultaneous connections", "15 IMAP connections");
        assertThat(microsoft.failure()).isEqualTo(MailboxException.Failure.UNREACHABLE);
        assertThat(microsoft.getMessage()).contains("throttling", "Suggested Backoff Time: 92415 milliseconds");
        assertThat(ImapFailures.authentication(refused("a1 NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)"))
                .failure()).isEqualTo(MailboxException.Failure.AUTH_FAILED);
    }

    @Test
    void aFolderThatIsNotThereIsNamedAsSuch() {
        assertThat(ImapFailures.of("cannot open folder X", refused("a2 NO [NONEXISTENT] Mailbox doesn't exist: X"))
                .failure()).isEqualTo(MailboxException.Failure.NO_SUCH_FOLDER);
    }
}
