package io.vanishwatch.notifier.delivery.webhook;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.vanishwatch.events.Alert;
import io.vanishwatch.notifier.content.AlertText;
import io.vanishwatch.notifier.delivery.Channel;
import io.vanishwatch.notifier.delivery.DeliveryResult;

/** Posts the alert as JSON to a configured URL (a chat's incoming webhook or any receiver). */
public final class WebhookChannel implements Channel {

    private final WebhookSettings settings;
    private final AlertText text;
    private final HttpClient http;

    public WebhookChannel(WebhookSettings settings, AlertText text) {
        this.settings = settings;
        this.text = text;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public DeliveryResult deliver(Alert alert) {
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.url())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "vanishwatch-notifier")
                .POST(HttpRequest.BodyPublishers.ofString(WebhookPayload.of(alert, text).toJson()));
        settings.bearerToken().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return classify(response.statusCode(), response.body());
        } catch (IOException e) {
            return DeliveryResult.retryable(e.getClass().getSimpleName() + " posting to " + settings.displayUrl() + ": "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.retryable("interrupted while posting to " + settings.displayUrl());
        }
    }

    /** 2xx sent; 408, 429 and 5xx worth another attempt; any other answer will not change by retrying. */
    static DeliveryResult classify(int status, String body) {
        String detail = "HTTP " + status + excerpt(body);
        if (status >= 200 && status < 300) {
            return DeliveryResult.sent(detail);
        }
        if (status == 408 || status == 429 || status >= 500) {
            return DeliveryResult.retryable(detail);
        }
        return DeliveryResult.permanent(detail);
    }

    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String line = body.strip().replaceAll("\\s+", " ");
        return ": " + (line.length() > 200 ? line.substring(0, 200) + "…" : line);
    }
}
