package io.vanishwatch.notifier.delivery.email;

/** How the SMTP connection is protected; {@link #PLAIN} only when a person has asked for it. */
public enum SmtpSecurity {
    /** Implicit TLS from the first byte (SMTPS). */
    TLS(465),
    /** Plain connect, then STARTTLS, which the server must offer. */
    STARTTLS(587),
    /** No encryption at all. */
    PLAIN(25);

    private final int defaultPort;

    SmtpSecurity(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    public int defaultPort() {
        return defaultPort;
    }
}
