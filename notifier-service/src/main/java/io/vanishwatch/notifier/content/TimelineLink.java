package io.vanishwatch.notifier.content;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.vanishwatch.events.Alert;

/**
 * The address of the analyzer's timeline of an alert's account around the alert — an hour before its first
 * disappearance to an hour after its last — so that a person can see every message of that time, not only the
 * evidence.
 */
public final class TimelineLink {

    /** How far the link reaches before the first and after the last disappearance. */
    public static final Duration MARGIN = Duration.ofHours(1);

    private TimelineLink() {
    }

    /**
     * {@code <base>/api/accounts/<account>/timeline?from=<ISO instant>&to=<ISO instant>}, the account encoded as one
     * path segment; empty when the alert names no account or the base is not a URL.
     */
    public static Optional<URI> of(String baseUrl, Alert alert) {
        if (alert.account() == null || baseUrl == null || baseUrl.isBlank()) {
            return Optional.empty();
        }
        String base = baseUrl.strip().replaceAll("/+$", "");
        Instant first = alert.firstSeen();
        Instant last = alert.lastSeen() == null ? first : alert.lastSeen();
        StringBuilder url = new StringBuilder(base).append("/api/accounts/").append(segment(alert.account()))
                .append("/timeline");
        if (first != null) {
            url.append("?from=").append(first.minus(MARGIN)).append("&to=").append(last.plus(MARGIN));
        }
        try {
            return Optional.of(URI.create(url.toString()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A path segment: percent-encoded, a space as {@code %20} (not the form encoding's {@code +}). */
    private static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
