package io.vanishwatch.collector.config;

/** How the IMAP connection is protected: implicit TLS, STARTTLS, or nothing (only when explicitly chosen). */
public enum Security {
    TLS(993), STARTTLS(143), PLAIN(143);

    private final int defaultPort;

    Security(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    public int defaultPort() {
        return defaultPort;
    }
}
