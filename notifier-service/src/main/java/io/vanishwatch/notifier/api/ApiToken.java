package io.vanishwatch.notifier.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The bearer token every request to the notifier's API must carry. With no token configured, nothing is admitted.
 * Its text is never shown. (The analyzer's {@code ApiToken} does the same for its own key.)
 */
public final class ApiToken {

    public static final String KEY = "vanishwatch.notifier.api.token";
    private static final String BEARER = "Bearer ";

    private final byte[] token;

    private ApiToken(byte[] token) {
        this.token = token;
    }

    /** The configured token; a blank one counts as none. */
    public static ApiToken of(Optional<String> configured) {
        return new ApiToken(configured.map(String::strip).filter(value -> !value.isEmpty())
                .map(value -> value.getBytes(StandardCharsets.UTF_8)).orElse(null));
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

    @Override
    public String toString() {
        return token == null ? "no API token" : "an API token (not shown)";
    }
}
