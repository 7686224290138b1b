package io.vanishwatch.notifier.delivery.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.JsonSerde;
import io.vanishwatch.notifier.content.AlertText;

/**
 * The JSON body of a webhook POST: {@code text} for Slack/Mattermost-style incoming webhooks to show, and the
 * {@code alert} in the contract's JSON for anything that wants the details.
 */
public record WebhookPayload(String text, Alert alert) {

    public static WebhookPayload of(Alert alert, AlertText text) {
        return new WebhookPayload(text.paragraph(alert), alert);
    }

    public String toJson() {
        try {
            return JsonSerde.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the webhook payload for " + alert.notificationKey(), e);
        }
    }
}
