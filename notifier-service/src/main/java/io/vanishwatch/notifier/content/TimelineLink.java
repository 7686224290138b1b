package io.vanishwatch.notifier.content;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.vanishwatch.events.Alert;

/**
 * The address of the account's page on the analyzer's dashboard ({@code /dashboard/}), where a person who has the
 * analyzer's token sees every message of the account, not only the alert's evidence: its timeline, its open alerts.
 */
public final class TimelineLink {

    private TimelineLink() {
    }

    /**
     * {@code <base>/dashboard/#account=<account>}, the account percent-encoded; empty when the alert names no account
     * or the base is not a URL. The dashboard asks for the token itself: it is never part of the link.
     */
    public static Optional<URI> of(String baseUrl, Alert alert) {
        if (alert.account() == null || baseUrl == null || baseUrl.isBlank()) {
            return Optional.empty();
        }
        String base = baseUrl.strip().replaceAll("/+$", "");
        try {
            return Optional.of(URI.create(base + "/dashboard/#account=" + encoded(alert.account())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Percent-encoded, a space as {@code %20} (not the form encoding's {@code +}). */
    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
