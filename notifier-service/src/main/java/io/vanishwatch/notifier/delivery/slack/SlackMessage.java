package io.vanishwatch.notifier.delivery.slack;

import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vanishwatch.events.JsonSerde;
import io.vanishwatch.notifier.content.AlertText;
import io.vanishwatch.notifier.content.Line;
import io.vanishwatch.notifier.content.NoticeText;
import io.vanishwatch.notifier.content.PlainText;
import io.vanishwatch.notifier.delivery.Notice;
import io.vanishwatch.notifier.delivery.http.ChatChannel;
import io.vanishwatch.notifier.delivery.http.HttpTarget;

/**
 * A notice as a Slack incoming-webhook message in Block Kit: {@code text} is the notification fallback; the blocks
 * are a header, the intro of a reminder or an undelivered notice, then per alert a section (what happened, cause,
 * facts, what to do), the evidence and a context line with the times and the timeline link — within Slack's limits
 * (50 blocks, header 150 characters, section text 3000, context 10 elements).
 */
public final class SlackMessage {

    static final int BLOCKS_MAX = 50;
    static final int HEADER_MAX = 150;
    static final int SECTION_MAX = 3000;
    /** Blocks one alert takes at most: a divider, its section, its evidence, its context. */
    static final int BLOCKS_PER_ALERT = 4;

    private SlackMessage() {
    }

    /** The channel posting notices to a Slack incoming webhook, as Block Kit messages. */
    public static ChatChannel channel(HttpTarget target, Clock clock) {
        return new ChatChannel("slack", target, clock, SlackMessage::json);
    }


    public static String json(Notice notice) {
        return json(NoticeText.of(notice));
    }

    static String json(NoticeText text) {
        ObjectNode message = JsonSerde.MAPPER.createObjectNode();
        message.put("text", text.subject());
        ArrayNode blocks = message.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", cut(text.subject(), HEADER_MAX));
        text.intro().ifPresent(intro -> section(blocks, escape(intro)));
        // header, intro and the line naming the alerts left out stay within the limit
        int shown = Math.min(text.sections().size(), (BLOCKS_MAX - 3) / BLOCKS_PER_ALERT);
        for (NoticeText.AlertSection section : text.sections().subList(0, shown)) {
            if (text.sectionHeadlines()) {
                blocks.addObject().put("type", "divider");
            }
            section(blocks, summary(section, text.sectionHeadlines()));
            if (!section.evidence().isEmpty()) {
                section(blocks, section.evidenceTitle().map(title -> "*" + escape(title) + "*\n").orElse("")
                        + "```" + cut(escape(PlainText.evidence(section)), SECTION_MAX - 200) + "```");
            }
            context(blocks, section);
        }
        List<NoticeText.AlertSection> left = text.sections().subList(shown, text.sections().size());
        if (!left.isEmpty()) {
            StringBuilder more = new StringBuilder(escape(text.moreAlerts(left.size()))).append(':');
            left.forEach(section -> more.append("\n• ").append(escape(section.headline())));
            section(blocks, more.toString());
        }
        return message.toString();
    }

    private static String summary(NoticeText.AlertSection section, boolean withHeadline) {
        StringBuilder summary = new StringBuilder();
        if (withHeadline) {
            summary.append('*').append(escape(section.headline())).append("*\n");
        }
        section.whatHappened().ifPresent(what -> summary.append(escape(what)).append('\n'));
        section.likelyCause().ifPresent(cause -> summary.append(labelled(cause)).append('\n'));
        section.facts().forEach(fact -> summary.append("• ").append(escape(fact)).append('\n'));
        section.whatToCheck().ifPresent(check -> summary.append(labelled(check)));
        return summary.isEmpty() ? escape(section.headline()) : summary.toString().strip();
    }

    private static void context(ArrayNode blocks, NoticeText.AlertSection section) {
        ArrayNode context = blocks.addObject().put("type", "context").putArray("elements");
        for (Line field : section.fields()) {
            context.addObject().put("type", "mrkdwn").put("text", labelled(field));
        }
        section.timeline().ifPresent(link -> context.addObject().put("type", "mrkdwn")
                .put("text", "<" + escape(link.url().toString()) + "|" + escape(link.label()) + ">"));
    }

    private static String labelled(Line line) {
        return "*" + escape(line.label()) + ":* " + escape(line.text());
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
