package io.vanishwatch.collector.imap;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;

import javax.net.ssl.SSLException;

import io.vanishwatch.collector.config.AccountSettings;

/**
 * Says in a sentence why a TLS handshake failed, from the exception chain the JDK throws: the server's certificate
 * expired (or is not valid yet), is signed by no authority the account trusts, or is not for the host connected to.
 */
final class TlsFailures {

    private TlsFailures() {
    }

    /** What was wrong, in words an admin can act on; {@code account} may be null. */
    static String explain(Throwable e, AccountSettings account) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateExpiredException) {
                return "the server's certificate has expired (" + ImapFailures.describe(cause) + ")";
            }
            if (cause instanceof CertificateNotYetValidException) {
                return "the server's certificate is not valid yet (" + ImapFailures.describe(cause) + ")";
            }
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertPathValidatorException validator
                    && validator.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
                return "the server's certificate has expired (" + ImapFailures.describe(cause) + ")";
            }
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("no subject alternative") || message.contains("no name matching")) {
                String host = account == null ? "the host" : "the host " + account.host();
                return "the server's certificate is not for " + host + " (wrong host: "
                        + ImapFailures.describe(cause) + ")";
            }
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertPathBuilderException
                    || String.valueOf(cause.getMessage()).contains("unable to find valid certification path")) {
                String where = account == null || account.trustStore().isEmpty()
                        ? "not among the JDK's certificate authorities; set trust-store to a PEM or PKCS12 file with"
                        + " the server's CA"
                        : "neither among the JDK's certificate authorities nor in the trust store "
                        + account.trustStore().get().file();
                return "the server's certificate is not trusted (untrusted: its issuer is " + where + ")";
            }
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLException) {
                return "TLS handshake failed (" + ImapFailures.describe(cause) + ")";
            }
        }
        return ImapFailures.describe(e);
    }
}
