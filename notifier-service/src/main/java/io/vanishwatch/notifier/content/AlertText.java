package io.vanishwatch.notifier.content;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import io.vanishwatch.events.Alert;

/**
 * One alert in the English templates, in one zone, outside any notice: the notifier's own log lines. Channels word a
 * whole {@link io.vanishwatch.notifier.delivery.Notice} through {@link NoticeText} in the receiver's language.
 */
public final class AlertText {

    /** Evidence entries written out in full; the rest are counted. */
    public static final int EVIDENCE_SHOWN = Wording.EVIDENCE_SHOWN;

    private final EnglishWording words;

    public AlertText(ZoneId zone) {
        this.words = new EnglishWording(zone);
    }

    /** "FIRING CRITICAL office: 3 unread messages vanished (client moves new mail to local storage)". */
    public String headline(Alert alert) {
        return words.headline(alert);
    }

    /** One paragraph: headline, summary, cause, facts, advice, each message, the times. */
    public String paragraph(Alert alert) {
        return PlainText.paragraph(text(), section(alert));
    }

    /** What the alert found beyond single messages, one sentence each. */
    public List<String> facts(Alert alert) {
        return words.facts(alert);
    }

    /** The evidence as numbered blocks of indented lines, at most {@link #EVIDENCE_SHOWN} of them. */
    public String evidenceList(Alert alert) {
        return PlainText.evidence(section(alert));
    }

    /** A time in the configured zone, or "unknown". */
    public String time(Instant instant) {
        return words.time(instant);
    }

    /** True when {@code count} counts messages the evidence does not list (the analyzer keeps only the latest). */
    public static boolean evidenceIsPartial(Alert alert) {
        return Wording.evidenceIsPartial(alert);
    }

    /** "42 s", "3 min 5 s", "2 h 10 min", "1 d 3 h". */
    public static String dwell(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        }
        if (seconds < 86_400) {
            return seconds / 3600 + " h" + (seconds % 3600 / 60 == 0 ? "" : " " + seconds % 3600 / 60 + " min");
        }
        return seconds / 86_400 + " d" + (seconds % 86_400 / 3600 == 0 ? "" : " " + seconds % 86_400 / 3600 + " h");
    }

    /** How a person names the pattern. */
    public static String patternPhrase(Alert.Pattern pattern) {
        return Headline.patternPhrase(pattern);
    }

    private NoticeText.AlertSection section(Alert alert) {
        return NoticeText.section(alert, words, Optional.empty());
    }

    private NoticeText text() {
        return new NoticeText(words.language(), "", Optional.empty(), List.of(), false, List.of());
    }
}
