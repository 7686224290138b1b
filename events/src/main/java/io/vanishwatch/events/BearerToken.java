package io.vanishwatch.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The bearer token every request to a service's API must carry (the analyzer's, the notifier's), and that the
 * analyzer sends along when it forwards a request to another instance. With no token configured, nothing is
 * admitted. Its text is never shown; it is compared in constant time.
 *
 * @see #key() the configuration key it comes from, for messages that say which key to set
 */
public final class BearerToken {

    private static final String BEARER = "Bearer ";

    private final String key;
    private final byte[] token;

    private BearerToken(String key, byte[] token) {
        this.key = key;
        this.token = token;
    }

    /** The token configured under {@code key}; a blank one counts as none. */
    public static BearerToken of(String key, Optional<String> configured) {
        return new BearerToken(key, configured.map(String::strip).filter(value -> !value.isEmpty())
                .map(value -> value.getBytes(StandardCharsets.UTF_8)).orElse(null));
    }

    /** The configuration key, e.g. {@code vanishwatch.analyzer.api.token}. */
    public String key() {
        return key;
    }

    public boolean configured() {
        return token != null;
    }

    /** Whether an {@code Authorization} header value carries this token; never, when none is configured. */
    public boolean admits(String authorization) {
        if (token == null || authorization == null
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        byte[] given = authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(token, given);
    }

    /** The {@code Authorization} header value a forwarded request carries. */
    public Optional<String> authorization() {
        return token == null ? Optional.empty() : Optional.of(BEARER + new String(token, StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return token == null ? "no API token" : "an API token (not shown)";
    }
}
