package io.vanishwatch.notifier.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link NoticeText} as plain text: the body of the text/plain e-mail part, the evidence block the chat tools show
 * in a code block, and the one-paragraph {@code text} of the generic webhook.
 */
public final class PlainText {

    private PlainText() {
    }

    /** The whole notice, for reading in a mail client: subject, intro, each alert, the footer. */
    public static String body(NoticeText text) {
        StringBuilder body = new StringBuilder(text.subject()).append("\n\n");
        text.intro().ifPresent(intro -> body.append(intro).append("\n\n"));
        for (NoticeText.AlertSection section : text.sections()) {
            if (text.sectionHeadlines()) {
                body.append("== ").append(section.headline()).append(" ==\n\n");
            }
            section.whatHappened().ifPresent(what -> body.append(what).append("\n\n"));
            section.likelyCause().ifPresent(cause -> body.append(line(cause)).append('\n'));
            section.facts().forEach(fact -> body.append(fact).append('\n'));
            if (section.likelyCause().isPresent() || !section.facts().isEmpty()) {
                body.append('\n');
            }
            section.whatToCheck().ifPresent(check -> body.append(check.label()).append(":\n")
                    .append(check.text()).append("\n\n"));
            if (!section.evidence().isEmpty()) {
                section.evidenceTitle().ifPresent(title -> body.append(title).append('\n'));
                body.append(evidence(section)).append('\n');
            }
            section.fields().forEach(field -> body.append(line(field)).append('\n'));
            section.timeline().ifPresent(link -> body.append(link.label()).append(": ").append(link.url()).append('\n'));
            body.append('\n');
        }
        body.append("-- \n");
        text.footer().forEach(line -> body.append(line(line)).append('\n'));
        return body.toString();
    }

    /** The evidence as numbered blocks of indented lines, then "… and N more". */
    public static String evidence(NoticeText.AlertSection section) {
        StringBuilder text = new StringBuilder();
        List<NoticeText.Evidence> evidence = section.evidence();
        for (int i = 0; i < evidence.size(); i++) {
            text.append(String.format("%3d. %s%n", i + 1, evidence.get(i).heading()));
            evidence.get(i).lines().forEach(line -> text.append("     ").append(line).append('\n'));
        }
        section.more().ifPresent(more -> text.append("     ").append(more).append('\n'));
        return text.toString();
    }

    /**
     * The notice as sentences without line breaks per alert (one line for a single alert; the subject then one line
     * per alert for a group): for webhook receivers that show a {@code text}.
     */
    public static String paragraphs(NoticeText text) {
        List<String> lines = new ArrayList<>();
        if (text.sectionHeadlines() || text.intro().isPresent()) {
            lines.add(oneLine(text, text.subject(), text.intro()));
        }
        for (NoticeText.AlertSection section : text.sections()) {
            lines.add(paragraph(text, section));
        }
        return String.join("\n", lines);
    }

    /** One alert in sentences: headline, what happened, cause, facts, what to do, each message, the times. */
    public static String paragraph(NoticeText text, NoticeText.AlertSection section) {
        Wording words = words(text);
        List<String> sentences = new ArrayList<>();
        sentences.add(words.sentence(section.headline()));
        section.whatHappened().ifPresent(what -> sentences.add(words.sentence(what)));
        section.likelyCause().ifPresent(cause -> sentences.add(words.sentence(line(cause))));
        section.facts().forEach(fact -> sentences.add(words.sentence(fact)));
        section.whatToCheck().ifPresent(check -> sentences.add(words.sentence(line(check))));
        if (!section.evidence().isEmpty()) {
            List<String> messages = new ArrayList<>();
            for (NoticeText.Evidence gone : section.evidence()) {
                messages.add(gone.heading() + (gone.lines().isEmpty() ? "" : words.aside(gone.lines().get(0))));
            }
            section.more().ifPresent(messages::add);
            sentences.add(words.sentence(section.evidenceTitle().orElse("") + " " + String.join(words.listSeparator(), messages)));
        }
        List<String> fields = new ArrayList<>();
        for (Line field : section.fields().subList(Math.max(0, section.fields().size() - 3), section.fields().size())) {
            fields.add(line(field));
        }
        sentences.add(words.sentence(String.join(", ", fields)));
        section.timeline().ifPresent(link -> sentences.add(words.sentence(line(new Line(link.label(),
                link.url().toString())))));
        return String.join(separator(text), sentences).replaceAll("\\s*\\n\\s*", " ");
    }

    /** "Label: text", or the text alone when it has no label. */
    public static String line(Line line) {
        return line.label().isEmpty() ? line.text() : line.label() + ": " + line.text();
    }

    private static String oneLine(NoticeText text, String subject, Optional<String> intro) {
        Wording words = words(text);
        return words.sentence(subject) + intro.map(i -> separator(text) + words.sentence(i)).orElse("");
    }

    private static String separator(NoticeText text) {
        return "ja".equals(text.language()) ? "" : " ";
    }

    private static Wording words(NoticeText text) {
        return Wording.of(text.language(), java.time.ZoneOffset.UTC); // punctuation only, no times
    }
}
