package io.vanishwatch.collector.oauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps the last token until it is about to expire (five minutes before, or half its lifetime for a short-lived one),
 * so that every connection of a watch logs in with a token that stays valid for a while, and the identity service is
 * asked once per token lifetime rather than once per login.
 */
abstract class CachingTokenSource implements TokenSource {

    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private final Clock clock;
    private AccessToken current;
    private Instant renewAt;

    CachingTokenSource(Clock clock) {
        this.clock = clock;
    }

    /** A new token from the identity service or command. */
    protected abstract AccessToken fetch() throws TokenException;

    protected Clock clock() {
        return clock;
    }

    @Override
    public synchronized AccessToken token() throws TokenException {
        Instant now = clock.instant();
        if (current != null && now.isBefore(renewAt)) {
            return current;
        }
        AccessToken fresh = fetch();
        if (fresh.expiresAt().isPresent()) {
            Duration lifetime = Duration.between(now, fresh.expiresAt().get());
            Duration margin = lifetime.dividedBy(2).compareTo(RENEW_BEFORE_EXPIRY) < 0 ? lifetime.dividedBy(2)
                    : RENEW_BEFORE_EXPIRY;
            current = fresh;
            renewAt = fresh.expiresAt().get().minus(margin);
        } else {
            current = null;
        }
        return fresh;
    }

    @Override
    public synchronized void invalidate(AccessToken token) {
        if (current != null && current.value().equals(token.value())) {
            current = null;
        }
    }
}
