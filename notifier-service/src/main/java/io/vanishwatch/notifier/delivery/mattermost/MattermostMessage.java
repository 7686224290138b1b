package io.vanishwatch.notifier.delivery.mattermost;

import java.time.Clock;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vanishwatch.events.JsonSerde;
import io.vanishwatch.notifier.content.AlertText;
import io.vanishwatch.notifier.content.NoticeText;
import io.vanishwatch.notifier.content.PlainText;
import io.vanishwatch.notifier.delivery.Notice;
import io.vanishwatch.notifier.delivery.http.ChatChannel;

/**
 * A notice as a Mattermost incoming-webhook post: {@code text} in Mattermost's Markdown (the subject, then per alert
 * its headline, what happened, cause, facts, what to do, the evidence as a code block, the fields and the timeline
 * link) and, when configured, the {@code username} to show.
 */
public final class MattermostMessage {

    /** Mattermost refuses posts longer than 16383 characters. */
    static final int TEXT_MAX = 16_383;

    private MattermostMessage() {
    }

    /** The channel posting notices to a Mattermost incoming webhook, as a Markdown message. */
    public static ChatChannel channel(MattermostSettings settings, Clock clock) {
        return new ChatChannel("mattermost", settings.target(), clock, notice -> json(notice, settings.username()));
    }


    public static String json(Notice notice, Optional<String> username) {
        ObjectNode message = JsonSerde.MAPPER.createObjectNode();
        message.put("text", markdown(NoticeText.of(notice)));
        username.ifPresent(name -> message.put("username", name));
        return message.toString();
    }

    static String markdown(NoticeText text) {
        StringBuilder markdown = new StringBuilder("#### ").append(text.subject()).append("\n\n");
        text.intro().ifPresent(intro -> markdown.append("**").append(intro).append("**\n\n"));
        for (NoticeText.AlertSection section : text.sections()) {
            if (text.sectionHeadlines()) {
                markdown.append("---\n##### ").append(section.headline()).append("\n\n");
            }
            section.whatHappened().ifPresent(what -> markdown.append(what).append("\n\n"));
            section.likelyCause().ifPresent(cause -> markdown.append("**").append(cause.label()).append(":** ")
                    .append(cause.text()).append('\n'));
            section.facts().forEach(fact -> markdown.append("- ").append(fact).append('\n'));
            section.whatToCheck().ifPresent(check -> markdown.append("\n**").append(check.label()).append(":** ")
                    .append(check.text()).append("\n\n"));
            if (!section.evidence().isEmpty()) {
                section.evidenceTitle().ifPresent(title -> markdown.append(title).append('\n'));
                markdown.append("```\n").append(PlainText.evidence(section)).append("```\n");
            }
            markdown.append(section.fields().stream().map(field -> field.label() + ": " + field.text())
                    .collect(Collectors.joining(" · ")));
            section.timeline().ifPresent(link -> markdown.append(" · [").append(link.label()).append("](")
                    .append(link.url()).append(')'));
            markdown.append("\n\n");
        }
        String post = markdown.toString().strip();
        return post.length() <= TEXT_MAX ? post : post.substring(0, TEXT_MAX - 1) + "…";
    }
}
