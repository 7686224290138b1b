package io.vanishwatch.collector.oauth;

import java.time.Instant;
import java.util.Optional;

/**
 * An OAuth2 access token for XOAUTH2, with when it expires when the issuer said; {@link #toString()} never shows it.
 *
 * @param expiresAt empty when unknown (a token command that prints only the token): then it is not reused
 */
public record AccessToken(String value, Optional<Instant> expiresAt) {

    @Override
    public String toString() {
        return "AccessToken[expiresAt=" + expiresAt.map(Instant::toString).orElse("unknown") + "]";
    }
}
