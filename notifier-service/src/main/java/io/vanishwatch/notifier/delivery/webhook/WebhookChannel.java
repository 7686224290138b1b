package io.vanishwatch.notifier.delivery.webhook;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.vanishwatch.notifier.content.AlertText;
import io.vanishwatch.notifier.delivery.Channel;
import io.vanishwatch.notifier.delivery.DeliveryResult;
import io.vanishwatch.notifier.delivery.Notice;
import io.vanishwatch.notifier.delivery.http.JsonPost;

/** Posts the notice as JSON to a configured URL (any receiver), signed with HMAC-SHA256 when a secret is configured. */
public final class WebhookChannel implements Channel {

    private final WebhookSettings settings;
    private final Clock clock;
    private final JsonPost post;
    private final Optional<WebhookSignature> signature;

    public WebhookChannel(WebhookSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.post = new JsonPost(settings.target(), clock);
        this.signature = settings.signingSecret().map(WebhookSignature::new);
    }


    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public DeliveryResult deliver(Notice notice) {
        String body = WebhookPayload.of(notice).toJson();
        Map<String, String> headers = new LinkedHashMap<>();
        settings.bearerToken().ifPresent(token -> headers.put("Authorization", "Bearer " + token));
        signature.ifPresent(signer -> {
            String timestamp = WebhookSignature.timestamp(clock.instant());
            headers.put(WebhookSignature.TIMESTAMP_HEADER, timestamp);
            headers.put(WebhookSignature.SIGNATURE_HEADER, signer.sign(timestamp, body));
        });
        return post.post(notice, body, headers);
    }
}
