package io.vanishwatch.notifier.content;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;

/**
 * The words every channel uses for an alert — headline, one-paragraph summary, the evidence line by line — so a
 * support person can act on an e-mail or a chat message without opening anything else.
 */
public final class AlertText {

    /** Evidence entries written out in full; the rest are counted. */
    public static final int EVIDENCE_SHOWN = 20;

    private final DateTimeFormatter time;

    public AlertText(ZoneId zone) {
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz").withZone(zone);
    }

    /** "FIRING CRITICAL office: 3 unread messages vanished (client moves new mail to local storage)". */
    public String headline(Alert alert) {
        return alert.status() + " " + alert.severity() + " " + alert.account() + ": " + countPhrase(alert)
                + " (" + patternPhrase(alert.pattern()) + ")";
    }

    /** One paragraph for a chat message: headline, summary, advice, senders and subjects. */
    public String paragraph(Alert alert) {
        StringBuilder text = new StringBuilder(headline(alert)).append('.');
        appendSentence(text, alert.summary());
        if (alert.advice() != null && !alert.advice().isBlank()) {
            appendSentence(text, "What to do: " + alert.advice());
        }
        Set<String> senders = distinct(alert.evidence(), Disappearance::from);
        if (!senders.isEmpty()) {
            appendSentence(text, "From: " + String.join(", ", senders));
        }
        Set<String> subjects = distinct(alert.evidence(), Disappearance::subject);
        if (!subjects.isEmpty()) {
            appendSentence(text, "Subjects: " + subjects.stream().map(s -> "\"" + s + "\"")
                    .collect(Collectors.joining(", ")));
        }
        appendSentence(text, "First seen " + time(alert.firstSeen()) + ", last seen " + time(alert.lastSeen())
                + " (alert " + alert.alertKey() + ")");
        return text.toString();
    }

    /** The evidence as numbered blocks of indented lines, at most {@link #EVIDENCE_SHOWN} of them. */
    public String evidenceList(Alert alert) {
        StringBuilder text = new StringBuilder();
        List<Disappearance> evidence = alert.evidence();
        for (int i = 0; i < Math.min(evidence.size(), EVIDENCE_SHOWN); i++) {
            Disappearance gone = evidence.get(i);
            text.append(String.format("%3d. \"%s\" from %s%n", i + 1, orUnknown(gone.subject()), orUnknown(gone.from())))
                    .append("     arrived ").append(time(gone.arrivedAt())).append(" in ").append(gone.folder())
                    .append(", ").append(removal(gone)).append(", ")
                    .append(gone.readBeforeRemoval() ? "read before" : "unread").append('\n')
                    .append("     where it went: ").append(gone.whereItWent()).append('\n');
            if (gone.removedBy() != null) {
                text.append("     removed by: ").append(gone.removedBy()).append('\n');
            }
            text.append("     Message-ID: ").append(orUnknown(gone.messageId())).append('\n');
        }
        if (evidence.size() > EVIDENCE_SHOWN) {
            text.append("     … and ").append(evidence.size() - EVIDENCE_SHOWN).append(" more\n");
        }
        return text.toString();
    }

    /** A time in the configured zone, or "unknown". */
    public String time(Instant instant) {
        return instant == null ? "unknown" : time.format(instant);
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
        switch (pattern) {
            case CLIENT_MOVES_TO_LOCAL:
                return "client moves new mail to local storage";
            case MOVED_TO_JUNK:
                return "moved to Junk on the server";
            case MOVED_TO_FOLDER:
                return "filed into another folder on the server";
            default:
                return pattern.name().toLowerCase().replace('_', ' ');
        }
    }

    private String countPhrase(Alert alert) {
        boolean allUnread = !alert.evidence().isEmpty()
                && alert.evidence().stream().noneMatch(Disappearance::readBeforeRemoval);
        String messages = alert.count() == 1 ? "message" : "messages";
        String verb = switch (alert.pattern()) {
            case MOVED_TO_JUNK -> "moved to Junk";
            case MOVED_TO_FOLDER -> "filed away";
            default -> "vanished";
        };
        return alert.count() + (allUnread ? " unread " : " ") + messages + " " + verb;
    }

    private String removal(Disappearance gone) {
        if (gone.lastSeenAt() != null) {
            return "removed while not watched, between " + time(gone.lastSeenAt()) + " and " + time(gone.removedAt());
        }
        if (gone.dwellTime() != null) {
            return "removed after " + dwell(gone.dwellTime());
        }
        return "removed " + time(gone.removedAt());
    }

    private static void appendSentence(StringBuilder text, String sentence) {
        if (sentence == null || sentence.isBlank()) {
            return;
        }
        String trimmed = sentence.strip();
        text.append(' ').append(trimmed);
        if (!trimmed.endsWith(".") && !trimmed.endsWith("!") && !trimmed.endsWith("?")) {
            text.append('.');
        }
    }

    private static Set<String> distinct(List<Disappearance> evidence, java.util.function.Function<Disappearance, String> field) {
        Set<String> values = new LinkedHashSet<>();
        for (Disappearance gone : evidence) {
            String value = field.apply(gone);
            if (value != null && !value.isBlank()) {
                values.add(value);
            }
        }
        return values;
    }

    private static String orUnknown(String value) {
        return value == null || value.isBlank() ? "(unknown)" : value;
    }
}
