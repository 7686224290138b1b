package io.vanishwatch.notifier.delivery.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the webhook channel posts, checked and with its token resolved.
 *
 * @param bearerToken sent as {@code Authorization: Bearer …}; never logged
 */
public record WebhookSettings(URI url, Optional<String> bearerToken, Duration timeout) {

    /** The URL without path, query or user info: incoming-webhook URLs often carry their secret in the path. */
    public String displayUrl() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null || url.getRawPath().isEmpty() ? "" : "/…");
    }

    @Override
    public String toString() {
        return "WebhookSettings[" + displayUrl() + ", bearerToken=" + (bearerToken.isPresent() ? "***" : "(none)")
                + ", timeout=" + timeout + "]";
    }
}
