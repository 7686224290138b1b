package io.vanishwatch.notifier.delivery.teams;

import java.time.Clock;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.JsonSerde;
import io.vanishwatch.notifier.content.AlertText;
import io.vanishwatch.notifier.delivery.http.ChatChannel;
import io.vanishwatch.notifier.delivery.http.HttpTarget;

/**
 * An alert as the message a Teams workflow webhook ("Post to a channel when a webhook request is received") expects:
 * one attachment holding an Adaptive Card 1.4 with the headline, summary, a fact set, advice and the evidence.
 */
public final class TeamsMessage {

    public static final String CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

    private TeamsMessage() {
    }

    /** The channel posting alerts to a Microsoft Teams workflow webhook, as an Adaptive Card. */
    public static ChatChannel channel(HttpTarget target, AlertText text, Clock clock) {
        return new ChatChannel("teams", target, clock, alert -> json(alert, text));
    }

    public static String json(Alert alert, AlertText text) {
        ObjectNode message = JsonSerde.MAPPER.createObjectNode().put("type", "message");
        ObjectNode attachment = message.putArray("attachments").addObject()
                .put("contentType", CARD_CONTENT_TYPE);
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content")
                .put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                .put("type", "AdaptiveCard")
                .put("version", "1.4");
        ArrayNode body = card.putArray("body");
        textBlock(body, text.headline(alert)).put("size", "Large").put("weight", "Bolder")
                .put("color", alert.status() == Alert.Status.RESOLVED ? "Good" : "Attention");
        if (alert.summary() != null && !alert.summary().isBlank()) {
            textBlock(body, alert.summary().strip());
        }
        text.facts(alert).forEach(fact -> textBlock(body, fact));
        ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
        fact(facts, "Account", alert.account());
        fact(facts, "Pattern", AlertText.patternPhrase(alert.pattern()));
        fact(facts, "Status", alert.status() + ", severity " + alert.severity());
        fact(facts, "First seen", text.time(alert.firstSeen()));
        fact(facts, "Last seen", text.time(alert.lastSeen()));
        fact(facts, "Alert", alert.alertKey());
        if (alert.advice() != null && !alert.advice().isBlank()) {
            textBlock(body, "What to do: " + alert.advice().strip()).put("weight", "Bolder");
        }
        if (!alert.evidence().isEmpty()) {
            textBlock(body, text.evidenceList(alert)).put("fontType", "Monospace").put("size", "Small");
        }
        return message.toString();
    }

    private static ObjectNode textBlock(ArrayNode body, String text) {
        return body.addObject().put("type", "TextBlock").put("text", text).put("wrap", true);
    }

    private static void fact(ArrayNode facts, String title, String value) {
        facts.addObject().put("title", title).put("value", value == null ? "" : value);
    }
}
