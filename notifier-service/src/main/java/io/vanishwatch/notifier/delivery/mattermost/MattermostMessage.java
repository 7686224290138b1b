package io.vanishwatch.notifier.delivery.mattermost;

import java.time.Clock;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.JsonSerde;
import io.vanishwatch.notifier.content.AlertText;
import io.vanishwatch.notifier.delivery.http.ChatChannel;

/**
 * An alert as a Mattermost incoming-webhook post: {@code text} in Mattermost's Markdown (headline, summary, facts,
 * advice, the evidence as a code block, the times) and, when configured, the {@code username} to show.
 */
public final class MattermostMessage {

    /** Mattermost refuses posts longer than 16383 characters. */
    static final int TEXT_MAX = 16_383;

    private MattermostMessage() {
    }

    /** The channel posting alerts to a Mattermost incoming webhook, as a Markdown message. */
    public static ChatChannel channel(MattermostSettings settings, AlertText text, Clock clock) {
        return new ChatChannel("mattermost", settings.target(), clock, alert -> json(alert, text, settings.username()));
    }

    public static String json(Alert alert, AlertText text, Optional<String> username) {
        ObjectNode message = JsonSerde.MAPPER.createObjectNode();
        message.put("text", markdown(alert, text));
        username.ifPresent(name -> message.put("username", name));
        return message.toString();
    }

    static String markdown(Alert alert, AlertText text) {
        StringBuilder markdown = new StringBuilder("#### ").append(text.headline(alert)).append("\n\n");
        if (alert.summary() != null && !alert.summary().isBlank()) {
            markdown.append(alert.summary().strip()).append("\n\n");
        }
        text.facts(alert).forEach(fact -> markdown.append("- ").append(fact).append('\n'));
        if (alert.advice() != null && !alert.advice().isBlank()) {
            markdown.append("\n**What to do:** ").append(alert.advice().strip()).append("\n\n");
        }
        if (!alert.evidence().isEmpty()) {
            markdown.append("```\n").append(text.evidenceList(alert)).append("```\n");
        }
        markdown.append("First seen ").append(text.time(alert.firstSeen())).append(", last seen ")
                .append(text.time(alert.lastSeen())).append(" · alert `").append(alert.alertKey()).append('`');
        return markdown.length() <= TEXT_MAX ? markdown.toString() : markdown.substring(0, TEXT_MAX - 1) + "…";
    }
}
