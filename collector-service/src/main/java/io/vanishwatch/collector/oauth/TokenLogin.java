package io.vanishwatch.collector.oauth;

import java.util.Locale;

/**
 * How an account logs in with an OAuth2 access token: the SASL mechanism (XOAUTH2, which Gmail and Microsoft 365
 * take, or the standard OAUTHBEARER) and where its tokens come from.
 */
public record TokenLogin(Mechanism mechanism, TokenSource tokens) {

    /** The SASL mechanisms that carry a bearer token. */
    public enum Mechanism {
        XOAUTH2, OAUTHBEARER;

        /** The capability a server announces for it: {@code AUTH=XOAUTH2}. */
        public String capability() {
            return "AUTH=" + name().toUpperCase(Locale.ROOT);
        }
    }
}
