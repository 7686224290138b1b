package io.vanishwatch.notifier.delivery.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

import io.vanishwatch.notifier.delivery.Notice;
import io.vanishwatch.events.Alert;
import io.vanishwatch.notifier.delivery.DeliveryResult;
import io.vanishwatch.notifier.delivery.NotificationDigest;

/**
 * One JSON POST to a webhook and what its answer means — the part every webhook-flavoured channel (generic, Slack,
 * Teams, Mattermost) shares: the {@code Idempotency-Key} header, timeouts, no redirects, and the HTTP status read as
 * sent / retryable / permanent with {@code Retry-After} honoured.
 */
public final class JsonPost {

    /** Same value on every attempt and repeat of one notification, different for another notification. */
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private final HttpTarget target;
    private final Clock clock;
    private final HttpClient http;

    public JsonPost(HttpTarget target, Clock clock) {
        this.target = target;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(target.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public HttpTarget target() {
        return target;
    }

    /** Posts {@code json} about {@code alert} with the extra {@code headers}; never throws for a delivery problem. */
    public DeliveryResult post(Notice notice, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.url())
                .timeout(target.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "vanishwatch-notifier")
                .header(IDEMPOTENCY_HEADER, notice.digest())
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return classify(response.statusCode(), response.body(),
                    response.headers().firstValue("Retry-After"), clock);
        } catch (IOException e) {
            return DeliveryResult.retryable(e.getClass().getSimpleName() + " posting to " + target.displayUrl() + ": "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.retryable("interrupted while posting to " + target.displayUrl());
        }
    }

    /**
     * 2xx sent; 408, 429 and 5xx worth another attempt (429 and 503 not before their {@code Retry-After}); any other
     * answer will not change by retrying.
     */
    public static DeliveryResult classify(int status, String body, Optional<String> retryAfter, Clock clock) {
        String detail = "HTTP " + status + excerpt(body);
        if (status >= 200 && status < 300) {
            return DeliveryResult.sent(detail);
        }
        if (status == 429 || status == 503) {
            Optional<Duration> wait = retryAfter.flatMap(value -> retryAfter(value, clock));
            if (wait.isPresent()) {
                return DeliveryResult.retryableAfter(detail + " (Retry-After " + wait.get().toSeconds() + " s)",
                        wait.get());
            }
        }
        if (status == 408 || status == 429 || status >= 500) {
            return DeliveryResult.retryable(detail);
        }
        return DeliveryResult.permanent(detail);
    }

    /** {@code Retry-After} as delay-seconds or an HTTP date (RFC 9110 §10.2.3); empty when it is neither. */
    static Optional<Duration> retryAfter(String value, Clock clock) {
        String trimmed = value.strip();
        if (trimmed.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
        }
        try {
            Duration until = Duration.between(clock.instant(),
                    ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return Optional.of(until.isNegative() ? Duration.ZERO : until);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String line = body.strip().replaceAll("\\s+", " ");
        return ": " + (line.length() > 200 ? line.substring(0, 200) + "…" : line);
    }
}
