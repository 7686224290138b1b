package io.vanishwatch.notifier.delivery.slack;

import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.JsonSerde;
import io.vanishwatch.notifier.content.AlertText;
import io.vanishwatch.notifier.delivery.http.ChatChannel;
import io.vanishwatch.notifier.delivery.http.HttpTarget;

/**
 * An alert as a Slack incoming-webhook message in Block Kit: {@code text} is the notification fallback, the blocks
 * are a header, the summary with facts and advice, the evidence, and a context line — within Slack's limits (header
 * 150 characters, section text 3000).
 */
public final class SlackMessage {

    static final int HEADER_MAX = 150;
    static final int SECTION_MAX = 3000;

    private SlackMessage() {
    }

    /** The channel posting alerts to a Slack incoming webhook, as a Block Kit message. */
    public static ChatChannel channel(HttpTarget target, AlertText text, Clock clock) {
        return new ChatChannel("slack", target, clock, alert -> json(alert, text));
    }

    public static String json(Alert alert, AlertText text) {
        ObjectNode message = JsonSerde.MAPPER.createObjectNode();
        message.put("text", text.headline(alert));
        ArrayNode blocks = message.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", cut(text.headline(alert), HEADER_MAX));
        section(blocks, summary(alert, text));
        if (!alert.evidence().isEmpty()) {
            section(blocks, "```" + cut(escape(text.evidenceList(alert)), SECTION_MAX - 6) + "```");
        }
        ArrayNode context = blocks.addObject().put("type", "context").putArray("elements");
        context.addObject().put("type", "mrkdwn").put("text", escape("First seen " + text.time(alert.firstSeen())
                + ", last seen " + text.time(alert.lastSeen())));
        context.addObject().put("type", "mrkdwn").put("text", "Alert `" + escape(alert.alertKey()) + "`");
        return message.toString();
    }

    private static String summary(Alert alert, AlertText text) {
        StringBuilder summary = new StringBuilder();
        if (alert.summary() != null && !alert.summary().isBlank()) {
            summary.append(escape(alert.summary().strip())).append('\n');
        }
        List<String> facts = text.facts(alert);
        facts.forEach(fact -> summary.append("• ").append(escape(fact)).append('\n'));
        if (alert.advice() != null && !alert.advice().isBlank()) {
            summary.append("*What to do:* ").append(escape(alert.advice().strip()));
        }
        return summary.isEmpty() ? escape(text.headline(alert)) : summary.toString().strip();
    }

    private static void section(ArrayNode blocks, String mrkdwn) {
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
                .put("text", cut(mrkdwn, SECTION_MAX));
    }

    /** Slack's mrkdwn reads {@code &}, {@code <} and {@code >} as markup (links, mentions); Message-IDs have them. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
