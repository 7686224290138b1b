package io.vanishwatch.notifier.content;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
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
        return Headline.of(alert);
    }

    /** One paragraph for a chat message: headline, summary, facts, advice, senders and subjects. */
    public String paragraph(Alert alert) {
        StringBuilder text = new StringBuilder(headline(alert)).append('.');
        appendSentence(text, alert.summary());
        facts(alert).forEach(fact -> appendSentence(text, fact));
        if (alert.advice() != null && !alert.advice().isBlank()) {
            appendSentence(text, "What to do: " + alert.advice());
        }
        if (evidenceIsPartial(alert)) {
            appendSentence(text, "Of " + alert.count() + " messages, the latest " + alert.evidence().size()
                    + " are listed");
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

    /**
     * What the alert found beyond single messages, one sentence each: why a watch is blind and since when, the
     * patterns a dominant alert holds back.
     */
    public List<String> facts(Alert alert) {
        List<String> sentences = new ArrayList<>();
        if (alert.pattern() == Alert.Pattern.WATCHER_BLIND) {
            blindness(alert).ifPresent(sentences::add);
        }
        String devices = alert.facts().get(Alert.FACT_DEVICES);
        if (devices != null && !devices.isBlank()) {
            sentences.add("Devices (from the mail server's log): " + devices.strip());
        }
        String heldBack = alert.facts().get(Alert.FACT_HELD_BACK);
        if (heldBack != null && !heldBack.isBlank()) {
            sentences.add("Also matching, held back: " + heldBack(heldBack));
        }
        return sentences;
    }

    /** True when {@code count} counts messages the evidence does not list (the analyzer keeps only the latest). */
    public static boolean evidenceIsPartial(Alert alert) {
        return Headline.countsMessages(alert.pattern()) && !alert.evidence().isEmpty()
                && alert.count() > alert.evidence().size();
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
                text.append("     removed by: ").append(gone.removedBy())
                        .append(gone.removedByDevice() == null ? "" : ", " + gone.removedByDevice().how()).append('\n');
            }
            text.append("     Message-ID: ").append(orUnknown(gone.messageId())).append('\n');
        }
        int listed = Math.min(evidence.size(), EVIDENCE_SHOWN);
        int total = evidenceIsPartial(alert) ? alert.count() : evidence.size();
        if (total > listed) {
            text.append("     … and ").append(total - listed).append(" more\n");
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
        return Headline.patternPhrase(pattern);
    }

    /** "Blind since 2025-03-10 10:42:00 UTC: login refused — AUTHENTICATE failed". */
    private Optional<String> blindness(Alert alert) {
        String since = alert.facts().get(Alert.FACT_BLIND_SINCE);
        String state = alert.facts().get(Alert.FACT_WATCH_STATE);
        String reason = alert.facts().get(Alert.FACT_REASON);
        if (isBlank(since) && isBlank(state) && isBlank(reason)) {
            return Optional.empty();
        }
        StringBuilder sentence = new StringBuilder(
                alert.status() == Alert.Status.RESOLVED ? "It had been blind" : "Blind");
        if (!isBlank(since)) {
            sentence.append(" since ").append(instant(since.strip()));
        }
        String why = isBlank(state) ? reason : isBlank(reason) ? watchState(state) : watchState(state) + " — " + reason;
        if (!isBlank(why)) {
            sentence.append(": ").append(why.strip());
        }
        return Optional.of(sentence.toString());
    }

    private static String watchState(String state) {
        return switch (state.strip()) {
            case "AUTH_FAILED" -> "login refused";
            case "UNREACHABLE" -> "server unreachable";
            case "TLS_FAILED" -> "TLS connection failed";
            default -> state.strip();
        };
    }

    /** "DELETED_UNREAD=4, CLIENT_MOVES_TO_LOCAL=7" as "deleted unread (4), client moves … (7)"; else as given. */
    private static String heldBack(String heldBack) {
        List<String> named = new ArrayList<>();
        for (String entry : heldBack.split(",")) {
            String[] patternAndCount = entry.strip().split("=", 2);
            try {
                Alert.Pattern pattern = Alert.Pattern.valueOf(patternAndCount[0].strip());
                named.add(patternPhrase(pattern)
                        + (patternAndCount.length == 2 ? " (" + patternAndCount[1].strip() + ")" : ""));
            } catch (IllegalArgumentException unknown) {
                named.add(entry.strip());
            }
        }
        return String.join(", ", named);
    }

    private String instant(String iso) {
        try {
            return time(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
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
