package io.vanishwatch.notifier.delivery.teams;

import java.time.Clock;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.JsonSerde;
import io.vanishwatch.notifier.content.AlertText;
import io.vanishwatch.notifier.content.Line;
import io.vanishwatch.notifier.content.NoticeText;
import io.vanishwatch.notifier.content.PlainText;
import io.vanishwatch.notifier.delivery.Notice;
import io.vanishwatch.notifier.delivery.http.ChatChannel;
import io.vanishwatch.notifier.delivery.http.HttpTarget;

/**
 * A notice as the message a Teams workflow webhook ("Post to a channel when a webhook request is received") expects:
 * one attachment holding an Adaptive Card 1.4 with the subject, then per alert its headline, what happened, cause,
 * facts, a fact set, what to do, the evidence and the timeline link.
 */
public final class TeamsMessage {

    public static final String CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

    private TeamsMessage() {
    }

    /** The channel posting notices to a Microsoft Teams workflow webhook, as an Adaptive Card. */
    public static ChatChannel channel(HttpTarget target, Clock clock) {
        return new ChatChannel("teams", target, clock, TeamsMessage::json);
    }


    public static String json(Notice notice) {
        NoticeText text = NoticeText.of(notice);
        ObjectNode message = JsonSerde.MAPPER.createObjectNode().put("type", "message");
        ObjectNode attachment = message.putArray("attachments").addObject()
                .put("contentType", CARD_CONTENT_TYPE);
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content")
                .put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                .put("type", "AdaptiveCard")
                .put("version", "1.4");
        ArrayNode body = card.putArray("body");
        boolean allResolved = notice.alerts().stream().allMatch(a -> a.status() == Alert.Status.RESOLVED);
        textBlock(body, text.subject()).put("size", "Large").put("weight", "Bolder")
                .put("color", notice.kind() == Notice.Kind.ALERTS && allResolved ? "Good" : "Attention");
        text.intro().ifPresent(intro -> textBlock(body, intro).put("weight", "Bolder"));
        for (NoticeText.AlertSection section : text.sections()) {
            if (text.sectionHeadlines()) {
                textBlock(body, section.headline()).put("size", "Medium").put("weight", "Bolder")
                        .put("separator", true);
            }
            section.whatHappened().ifPresent(what -> textBlock(body, what));
            section.likelyCause().ifPresent(cause -> textBlock(body, PlainText.line(cause)));
            section.facts().forEach(fact -> textBlock(body, fact));
            ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
            for (Line field : section.fields()) {
                facts.addObject().put("title", field.label()).put("value", field.text());
            }
            section.whatToCheck().ifPresent(check -> textBlock(body, PlainText.line(check)).put("weight", "Bolder"));
            if (!section.evidence().isEmpty()) {
                section.evidenceTitle().ifPresent(title -> textBlock(body, title));
                textBlock(body, PlainText.evidence(section)).put("fontType", "Monospace").put("size", "Small");
            }
            section.timeline().ifPresent(link -> textBlock(body,
                    "[" + link.label() + "](" + link.url() + ")"));
        }
        return message.toString();
    }

    private static ObjectNode textBlock(ArrayNode body, String text) {
        return body.addObject().put("type", "TextBlock").put("text", text).put("wrap", true);
    }
}
