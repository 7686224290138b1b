package io.vanishwatch.notifier.delivery.email;

import io.vanishwatch.notifier.content.AlertText;
import io.vanishwatch.notifier.content.Line;
import io.vanishwatch.notifier.content.NoticeText;
import io.vanishwatch.notifier.content.PlainText;
import io.vanishwatch.notifier.delivery.Notice;

/** The subject, plain-text body and HTML body of the e-mail about one notice, in its receiver's words. */
public final class AlertEmail {

    public static final String SUBJECT_PREFIX = "[Vanishwatch] ";

    public AlertEmail() {
    }


    /** "[Vanishwatch] FIRING CRITICAL office: 3 unread messages vanished (client moves new mail to local storage)". */
    public String subject(Notice notice) {
        return subject(NoticeText.of(notice));
    }

    public String body(Notice notice) {
        return PlainText.body(NoticeText.of(notice));
    }

    public String html(Notice notice) {
        return html(NoticeText.of(notice));
    }

    static String subject(NoticeText text) {
        return SUBJECT_PREFIX + text.subject();
    }

    /** The same parts as the plain text, every piece of data escaped. */
    static String html(NoticeText text) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"").append(text.language())
                .append("\"><head><meta charset=\"UTF-8\"><title>").append(escape(text.subject()))
                .append("</title></head>\n<body style=\"font-family: sans-serif\">\n<h1 style=\"font-size: 1.3em\">")
                .append(escape(text.subject())).append("</h1>\n");
        text.intro().ifPresent(intro -> html.append("<p><strong>").append(escape(intro)).append("</strong></p>\n"));
        for (NoticeText.AlertSection section : text.sections()) {
            if (text.sectionHeadlines()) {
                html.append("<hr>\n<h2 style=\"font-size: 1.1em\">").append(escape(section.headline())).append("</h2>\n");
            }
            section.whatHappened().ifPresent(what -> html.append("<p>").append(escape(what)).append("</p>\n"));
            section.likelyCause().ifPresent(cause -> html.append(labelled(cause)));
            if (!section.facts().isEmpty()) {
                html.append("<ul>\n");
                section.facts().forEach(fact -> html.append("<li>").append(escape(fact)).append("</li>\n"));
                html.append("</ul>\n");
            }
            section.whatToCheck().ifPresent(check -> html.append(labelled(check)));
            if (!section.evidence().isEmpty()) {
                section.evidenceTitle().ifPresent(title -> html.append("<p>").append(escape(title)).append("</p>\n"));
                html.append("<ol>\n");
                for (NoticeText.Evidence gone : section.evidence()) {
                    html.append("<li><strong>").append(escape(gone.heading())).append("</strong>");
                    gone.lines().forEach(line -> html.append("<br>").append(escape(line)));
                    html.append("</li>\n");
                }
                html.append("</ol>\n");
                section.more().ifPresent(more -> html.append("<p>").append(escape(more)).append("</p>\n"));
            }
            html.append("<table>\n");
            for (Line field : section.fields()) {
                html.append("<tr><th style=\"text-align: left; padding-right: 1em\">").append(escape(field.label()))
                        .append("</th><td>").append(escape(field.text())).append("</td></tr>\n");
            }
            html.append("</table>\n");
            section.timeline().ifPresent(link -> html.append("<p><a href=\"").append(escape(link.url().toString()))
                    .append("\">").append(escape(link.label())).append("</a></p>\n"));
        }
        html.append("<hr>\n<p style=\"color: #666; font-size: 0.9em\">");
        text.footer().forEach(line -> html.append(escape(PlainText.line(line))).append("<br>\n"));
        return html.append("</p>\n</body></html>\n").toString();
    }

    private static String labelled(Line line) {
        return "<p><strong>" + escape(line.label()) + ":</strong> " + escape(line.text()) + "</p>\n";
    }

    /** Text as HTML character data or a quoted attribute value. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
