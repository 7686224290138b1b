package io.vanishwatch.notifier.delivery.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.vanishwatch.notifier.delivery.http.HttpTarget;

/**
 * Where the webhook channel posts, checked and with its secrets resolved.
 *
 * @param bearerToken   sent as {@code Authorization: Bearer …}; never logged
 * @param signingSecret the HMAC-SHA256 key of {@code X-Vanishwatch-Signature}; never logged
 */
public record WebhookSettings(URI url, Optional<String> bearerToken, Optional<String> signingSecret, Duration timeout) {

    public HttpTarget target() {
        return new HttpTarget(url, timeout);
    }

    /** The URL without path, query or user info: incoming-webhook URLs often carry their secret in the path. */
    public String displayUrl() {
        return target().displayUrl();
    }

    @Override
    public String toString() {
        return "WebhookSettings[" + displayUrl() + ", bearerToken=" + (bearerToken.isPresent() ? "***" : "(none)")
                + ", signingSecret=" + (signingSecret.isPresent() ? "***" : "(none)") + ", timeout=" + timeout + "]";
    }
}
