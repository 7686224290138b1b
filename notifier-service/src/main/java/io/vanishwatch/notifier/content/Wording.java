package io.vanishwatch.notifier.content;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.notifier.delivery.Notice;

/**
 * The words of one language, in one time zone: every sentence a notification says is written here, from the alert's
 * data, so that the analyzer's wording stays data and each language is one class to read and to review.
 */
public abstract class Wording {

    /** Evidence entries written out in full per alert; the rest are counted. */
    public static final int EVIDENCE_SHOWN = 20;

    /** The labels of a notification's fields and parts. */
    public enum Label {
        ACCOUNT, PATTERN, STATUS, FIRST_SEEN, LAST_SEEN, ALERT_KEY, NOTIFICATION, LIKELY_CAUSE, WHAT_TO_DO, TIMELINE,
        FOOTER
    }

    private final DateTimeFormatter time;

    protected Wording(ZoneId zone, String timePattern) {
        this.time = DateTimeFormatter.ofPattern(timePattern, Locale.ENGLISH).withZone(zone);
    }

    /** The wording a receiver asked for: {@code ja} is Japanese, anything else English; an unknown zone is UTC. */
    public static Wording of(Notice.Presentation presentation) {
        ZoneId zone;
        try {
            zone = ZoneId.of(presentation.timeZone());
        } catch (DateTimeException e) {
            zone = ZoneId.of("UTC");
        }
        return of(presentation.language(), zone);
    }

    public static Wording of(String language, ZoneId zone) {
        return "ja".equalsIgnoreCase(language) ? new JapaneseWording(zone) : new EnglishWording(zone);
    }

    /** {@code en} or {@code ja}. */
    public abstract String language();

    public abstract String label(Label label);

    /** The one line that names an alert: status, severity, account, what happened to how many, the pattern. */
    public abstract String headline(Alert alert);

    public abstract String patternPhrase(Alert.Pattern pattern);

    /** What happened, in a sentence or two. */
    public abstract Optional<String> whatHappened(Alert alert);

    public abstract Optional<String> likelyCause(Alert alert);

    public abstract Optional<String> whatToCheck(Alert alert);

    /** What the alert found beyond single messages, one sentence each: blindness, the devices, held-back patterns. */
    public abstract List<String> facts(Alert alert);

    /** "FIRING, severity CRITICAL". */
    public abstract String status(Alert alert);

    /** The count as a field ("Messages", "3"), or empty where the pattern counts nothing a person would want. */
    public abstract Optional<Line> counted(Alert alert);

    /** "The latest 20 of 3000 messages:" or "The messages (3):", of which {@code listed} are written out. */
    public abstract String evidenceTitle(Alert alert, int listed);

    /** "\"Invoice 4711\" from billing@supplier.example". */
    public abstract String evidenceHeading(Disappearance gone);

    /** When it arrived, in which folder, when and how it left, read or not, where it went, who took it, its id. */
    public abstract List<String> evidenceLines(Disappearance gone);

    /** "… and 2980 more". */
    public abstract String more(int count);

    /** "3 alerts on office", "3 alerts on 2 accounts". */
    public abstract String groupHeadline(int alerts, Optional<String> account, int accounts);

    /** The subject of a reminder. */
    public abstract String repeatSubject(String headline);

    public abstract String repeatIntro(int alerts);

    /** The subject of the word that a notification could not be delivered. */
    public abstract String undeliveredSubject(Notice.Undelivered undelivered, String about);

    public abstract String undeliveredIntro(Notice.Undelivered undelivered, int alerts, String firstHeadline);

    /** "… and 3 more alerts", where a chat tool's limits leave no room for them. */
    public abstract String moreAlerts(int count);

    /** "42 s", "3 min 5 s". */
    public abstract String dwell(Duration duration);

    /** A sentence ended the language's way (". " or "。"). */
    public abstract String sentence(String text);

    /** " (text)" or "（text）": an aside within a sentence. */
    public abstract String aside(String text);

    /** What separates the items of a list within a sentence: "; " or "／". */
    public abstract String listSeparator();

    /** A time in the receiver's zone, or "unknown". */
    public String time(Instant instant) {
        return instant == null ? unknown() : time.format(instant);
    }

    protected abstract String unknown();

    /** An ISO instant from the facts in the receiver's zone; the text as given when it is not one. */
    protected String instant(String iso) {
        try {
            return time(Instant.parse(iso.strip()));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    /** True when {@code count} counts messages the evidence does not list (the analyzer keeps only the latest). */
    public static boolean evidenceIsPartial(Alert alert) {
        return Headline.countsMessages(alert.pattern()) && !alert.evidence().isEmpty()
                && alert.count() > alert.evidence().size();
    }

    /**
     * The devices that removed the mail, as the mail server's records name them: the analyzer's tally of the episode,
     * else the devices named in the evidence; empty when no record named any.
     */
    protected static Optional<String> devices(Alert alert) {
        String tally = alert.facts().get(Alert.FACT_DEVICES);
        if (tally != null && !tally.isBlank()) {
            return Optional.of(tally.strip());
        }
        Set<String> named = new LinkedHashSet<>();
        for (Disappearance gone : alert.evidence()) {
            if (gone.removedByDevice() != null) {
                named.add(gone.removedByDevice().device());
            } else if (gone.removedBy() != null && !gone.removedBy().isBlank()) {
                named.add(gone.removedBy().strip());
            }
        }
        return named.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", named));
    }

    /** The folders the evidence went to, for the patterns that move mail. */
    protected static Optional<String> destinations(Alert alert) {
        Set<String> folders = new LinkedHashSet<>();
        for (Disappearance gone : alert.evidence()) {
            if (gone.destination() == Disappearance.Destination.MOVED && gone.movedToFolder() != null) {
                folders.add(gone.movedToFolder());
            }
        }
        return folders.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", folders));
    }

    protected static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    protected static Optional<String> present(String value) {
        return isBlank(value) ? Optional.empty() : Optional.of(value.strip());
    }
}
