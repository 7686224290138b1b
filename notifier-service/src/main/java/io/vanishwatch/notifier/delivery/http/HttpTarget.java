package io.vanishwatch.notifier.delivery.http;

import java.net.URI;
import java.time.Duration;

/**
 * Where a webhook-flavoured channel posts; the URL is a secret (incoming-webhook URLs carry their token in the path),
 * so only {@link #displayUrl()} is ever logged.
 */
public record HttpTarget(URI url, Duration timeout) {

    /** The URL without path, query or user info. */
    public String displayUrl() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null || url.getRawPath().isEmpty() ? "" : "/…");
    }

    @Override
    public String toString() {
        return "HttpTarget[" + displayUrl() + ", timeout=" + timeout + "]";
    }
}
