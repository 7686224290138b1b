package io.vanishwatch.analyzer.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;

/**
 * Words the alerts and log lines for a support person: what happened to whose mail, and what to do about it.
 */
public final class AlertWording {

    private static final int MAX_LISTED = 5;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private AlertWording() {
    }

    /**
     * The FIRING alert of an episode.
     *
     * @param correlationWindow the window removals without a verdict were correlated in, to say what that rests on
     */
    public static Alert firing(PatternRule rule, Episode episode, Duration correlationWindow) {
        return alert(rule, episode, Alert.Status.FIRING, firingSummary(rule.pattern(), episode, correlationWindow),
                firingAdvice(rule.pattern(), episode));
    }

    /** The RESOLVED alert that ends an episode: same firstSeen, final count. */
    public static Alert resolved(PatternRule rule, Episode episode) {
        return alert(rule, episode, Alert.Status.RESOLVED, resolvedSummary(rule, episode),
                "Nothing more to do if the cause was found and fixed; if it happens again, a new alert is raised.");
    }

    private static Alert alert(PatternRule rule, Episode episode, Alert.Status status, String summary, String advice) {
        return new Alert(Alert.alertKey(episode.account(), rule.pattern()), status, rule.pattern(), rule.severity(),
                episode.account(), episode.firstSeen(), episode.lastSeen(), episode.count(), summary, advice,
                episode.evidence(), null);
    }

    static String firingSummary(Alert.Pattern pattern, Episode episode, Duration correlationWindow) {
        List<Disappearance> evidence = episode.evidence();
        String folder = evidence.isEmpty() ? "INBOX" : evidence.get(0).folder();
        String messages = plural(episode.count(), "unread message", "unread messages");
        String within = "within " + humanDuration(longestDwell(evidence)) + " of arriving";
        String what = switch (pattern) {
            case CLIENT_MOVES_TO_LOCAL -> messages + " vanished from " + folder + " of " + episode.account() + " "
                    + within + "; " + BasisWording.inNoFolder(evidence, correlationWindow);
            case MOVED_TO_JUNK -> messages + " were moved from " + folder + " of " + episode.account() + " to "
                    + destinations(evidence) + " " + within + "; they are hidden there, not lost."
                    + BasisWording.foundThere(evidence, correlationWindow);
            case MOVED_TO_FOLDER -> messages + " were filed from " + folder + " of " + episode.account() + " into "
                    + destinations(evidence) + " on the server " + within + "; they are there, not lost."
                    + BasisWording.foundThere(evidence, correlationWindow);
            default -> messages + " left " + folder + " of " + episode.account() + ".";
        };
        return what + " Removed between " + time(episode.firstSeen()) + " and " + time(episode.lastSeen()) + "."
                + " From: " + senders(evidence) + "." + " Subjects: " + subjects(evidence) + ".";
    }

    static String firingAdvice(Alert.Pattern pattern, Episode episode) {
        return switch (pattern) {
            case CLIENT_MOVES_TO_LOCAL -> "A device or mail app that reads " + episode.account()
                    + " takes new mail off the server before anyone reads it, most often with a junk-mail filter or a"
                    + " mail rule (Apple Mail's junk filter, for example, moves it into a local \"On My Mac\" folder)."
                    + " The messages are not lost: they are on that device. Check the junk-mail filter and the rules"
                    + " of each device that reads this account, and look in their local Junk folders for the subjects"
                    + " listed. The mail server's logs at the removal times listed say which device (IP address and"
                    + " client name) removed them.";
            case MOVED_TO_JUNK -> "The messages are in the Junk folder on the server: not lost, but easy to miss."
                    + " Check the server's spam filter and the junk-mail settings and rules of each device that reads "
                    + episode.account() + "; mark the messages as not junk, or allow their senders, so that such"
                    + " mail stays in INBOX.";
            case MOVED_TO_FOLDER -> "The messages are in " + destinations(episode.evidence()) + " on the server: not"
                    + " lost, but nobody sees them arrive in INBOX. A mail rule or filter files them there, either on"
                    + " the server (webmail or Sieve rules) or in a mail app on one of the devices that read "
                    + episode.account() + ". Check the rules for the senders listed; change or remove the rule if"
                    + " this mail should stay in INBOX.";
            default -> "";
        };
    }

    static String resolvedSummary(PatternRule rule, Episode episode) {
        String quiet = humanDuration(rule.quietPeriod());
        String counted = plural(episode.count(), "message", "messages");
        return switch (rule.pattern()) {
            case CLIENT_MOVES_TO_LOCAL -> "No more unread messages have vanished from INBOX of " + episode.account()
                    + " for " + quiet + "; " + counted + " vanished between " + time(episode.firstSeen()) + " and "
                    + time(episode.lastSeen()) + ".";
            case MOVED_TO_JUNK -> "No more unread messages have been moved from INBOX of " + episode.account()
                    + " to Junk for " + quiet + "; " + counted + " were moved between " + time(episode.firstSeen())
                    + " and " + time(episode.lastSeen()) + ".";
            case MOVED_TO_FOLDER -> "No more unread messages have been filed from INBOX of " + episode.account()
                    + " into other folders for " + quiet + "; " + counted + " were filed into "
                    + destinations(episode.evidence()) + " between " + time(episode.firstSeen()) + " and "
                    + time(episode.lastSeen()) + ".";
            default -> counted + " between " + time(episode.firstSeen()) + " and " + time(episode.lastSeen()) + ".";
        };
    }

    /**
     * One readable line about one disappearance, for the log and for people reading the topic, saying what its
     * destination rests on.
     *
     * @param correlationWindow the window a removal without a verdict was correlated in
     */
    public static String describe(Disappearance d, Duration correlationWindow) {
        StringBuilder line = new StringBuilder()
                .append(d.account()).append(' ').append(d.folder()).append(" uid ").append(d.uid()).append(": ")
                .append(quoted(d.subject())).append(" from ").append(sender(d.from()))
                .append(d.messageId() == null ? "" : " " + d.messageId())
                .append(", arrived ").append(d.arrivedAt() == null ? "at an unknown time" : time(d.arrivedAt()))
                .append(", removed ").append(time(d.removedAt()));
        if (d.dwellTime() != null) {
            line.append(" after ").append(humanDuration(d.dwellTime()));
        }
        line.append(d.readBeforeRemoval() ? ", read, " : ", unread, ").append(d.whereItWent())
                .append(BasisWording.ofOne(d, correlationWindow));
        if (d.removedBy() != null) {
            line.append(", by ").append(d.removedBy());
        }
        return line.toString();
    }

    /** "40 seconds", "2 minutes", "3 hours": rounded up, so "within" stays true. */
    public static String humanDuration(Duration duration) {
        if (duration == null) {
            return "an unknown time";
        }
        long seconds = duration.toSeconds() + (duration.toNanosPart() > 0 ? 1 : 0);
        if (seconds < 120) {
            return plural(seconds, "second", "seconds");
        }
        long minutes = (seconds + 59) / 60;
        if (minutes < 120) {
            return plural(minutes, "minute", "minutes");
        }
        return plural((minutes + 59) / 60, "hour", "hours");
    }

    private static Duration longestDwell(List<Disappearance> evidence) {
        return evidence.stream().map(Disappearance::dwellTime).filter(Objects::nonNull)
                .max(Duration::compareTo).orElse(null);
    }

    private static String destinations(List<Disappearance> evidence) {
        Set<String> folders = evidence.stream().map(Disappearance::movedToFolder).filter(Objects::nonNull)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return folders.isEmpty() ? "Junk" : String.join(", ", folders);
    }

    private static String senders(List<Disappearance> evidence) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        evidence.forEach(d -> counts.merge(sender(d.from()), 1, Integer::sum));
        List<String> listed = counts.entrySet().stream()
                .map(e -> e.getValue() > 1 ? e.getKey() + " (" + e.getValue() + ")" : e.getKey())
                .toList();
        return listUpTo(listed);
    }

    private static String subjects(List<Disappearance> evidence) {
        List<String> listed = evidence.stream().map(d -> quoted(d.subject())).distinct().toList();
        return listUpTo(listed);
    }

    private static String listUpTo(List<String> items) {
        if (items.size() <= MAX_LISTED) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, MAX_LISTED)) + " and " + (items.size() - MAX_LISTED) + " more";
    }

    private static String sender(String from) {
        return from == null || from.isBlank() ? "(unknown sender)" : from;
    }

    private static String quoted(String subject) {
        return subject == null ? "(no subject)" : "\"" + subject + "\"";
    }

    private static String time(Instant instant) {
        return instant == null ? "an unknown time" : TIME.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    private static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
