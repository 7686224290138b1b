package io.vanishwatch.notifier.delivery.email;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where and how the e-mail channel sends, checked and with its password resolved.
 *
 * @param password resolved from the configured value, environment variable or file; never logged
 */
public record EmailSettings(
        String host,
        int port,
        SmtpSecurity security,
        boolean verifyCertificates,
        Optional<String> username,
        Optional<String> password,
        String from,
        List<String> to,
        Duration timeout) {

    public EmailSettings {
        to = List.copyOf(to);
    }

    @Override
    public String toString() {
        return "EmailSettings[" + security + " " + host + ":" + port + ", verifyCertificates=" + verifyCertificates
                + ", username=" + username.orElse("(none)") + ", password=" + (password.isPresent() ? "***" : "(none)")
                + ", from=" + from + ", to=" + to + "]";
    }
}
