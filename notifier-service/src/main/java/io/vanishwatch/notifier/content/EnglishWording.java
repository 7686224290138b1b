package io.vanishwatch.notifier.content;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.notifier.delivery.Notice;

/** The English templates: the analyzer's own summary and advice where it gave them, the rest from the alert's data. */
final class EnglishWording extends Wording {

    private static final Map<Label, String> LABELS = new EnumMap<>(Map.ofEntries(
            Map.entry(Label.ACCOUNT, "Account"),
            Map.entry(Label.PATTERN, "Pattern"),
            Map.entry(Label.STATUS, "Status"),
            Map.entry(Label.FIRST_SEEN, "First seen"),
            Map.entry(Label.LAST_SEEN, "Last seen"),
            Map.entry(Label.ALERT_KEY, "Alert key"),
            Map.entry(Label.NOTIFICATION, "Notification"),
            Map.entry(Label.LIKELY_CAUSE, "Likely cause"),
            Map.entry(Label.WHAT_TO_DO, "What to do"),
            Map.entry(Label.TIMELINE, "Timeline of the account"),
            Map.entry(Label.FOOTER, "Sent by the Vanishwatch notifier.")));

    EnglishWording(ZoneId zone) {
        super(zone, "yyyy-MM-dd HH:mm:ss zzz");
    }

    @Override
    public String language() {
        return "en";
    }

    @Override
    public String label(Label label) {
        return LABELS.get(label);
    }

    @Override
    public String headline(Alert alert) {
        return Headline.of(alert);
    }

    @Override
    public String patternPhrase(Alert.Pattern pattern) {
        return Headline.patternPhrase(pattern);
    }

    @Override
    public Optional<String> whatHappened(Alert alert) {
        return present(alert.summary());
    }

    @Override
    public Optional<String> likelyCause(Alert alert) {
        return Optional.of(switch (alert.pattern()) {
            case CLIENT_MOVES_TO_LOCAL -> "a device's junk filter or mail rule moves new mail into a folder on the device";
            case MOVED_TO_JUNK -> "a client's or the server's spam filter";
            case MOVED_TO_FOLDER -> "a client or server rule that files new mail"
                    + destinations(alert).map(folders -> " into " + folders).orElse("");
            case DELETED_UNREAD -> "a rule or a device that deletes new mail";
            case DOWNLOAD_AND_DELETE -> "a device set to \"remove from server after retrieval\" (POP)";
            case MASS_REMOVAL -> "a compromised account or an accident";
            case MAILBOX_RESET -> "the server rebuilt the folder (a migration or a restore); not a deletion";
            case WATCHER_BLIND -> "a changed password, or the server cannot be reached";
            case LOGIN_FAILURES -> "a changed password that a device still has the old one of";
            case NEW_DEVICE -> "a device or mail app was added";
        });
    }

    @Override
    public Optional<String> whatToCheck(Alert alert) {
        return present(alert.advice());
    }

    @Override
    public List<String> facts(Alert alert) {
        List<String> sentences = new ArrayList<>();
        if (alert.pattern() == Alert.Pattern.WATCHER_BLIND) {
            blindness(alert).ifPresent(sentences::add);
        }
        devices(alert).ifPresent(devices -> sentences.add("Devices (from the mail server's log): " + devices));
        present(alert.facts().get(Alert.FACT_HELD_BACK))
                .ifPresent(heldBack -> sentences.add("Also matching, held back: " + heldBack(heldBack)));
        return sentences;
    }

    @Override
    public String status(Alert alert) {
        return alert.status() + ", severity " + alert.severity();
    }

    @Override
    public Optional<Line> counted(Alert alert) {
        String count = String.valueOf(alert.count());
        return switch (alert.pattern()) {
            case WATCHER_BLIND -> Optional.empty();
            case MAILBOX_RESET -> Optional.of(new Line("Resets", count));
            case LOGIN_FAILURES -> Optional.of(new Line("Failed logins", count));
            case NEW_DEVICE -> Optional.of(new Line("New devices", count));
            default -> Optional.of(new Line("Messages", count));
        };
    }

    @Override
    public String evidenceTitle(Alert alert, int listed) {
        return evidenceIsPartial(alert)
                ? "The latest " + listed + " of " + alert.count() + " messages:"
                : "The messages (" + alert.evidence().size() + "):";
    }

    @Override
    public String evidenceHeading(Disappearance gone) {
        return "\"" + orUnknown(gone.subject()) + "\" from " + orUnknown(gone.from());
    }

    @Override
    public List<String> evidenceLines(Disappearance gone) {
        List<String> lines = new ArrayList<>();
        lines.add("arrived " + time(gone.arrivedAt()) + " in " + gone.folder() + ", " + removal(gone) + ", "
                + (gone.readBeforeRemoval() ? "read before" : "unread"));
        lines.add("where it went: " + gone.whereItWent());
        if (gone.removedBy() != null) {
            lines.add("removed by: " + gone.removedBy()
                    + (gone.removedByDevice() == null ? "" : ", " + gone.removedByDevice().how()));
        }
        lines.add("Message-ID: " + orUnknown(gone.messageId()));
        return lines;
    }

    @Override
    public String more(int count) {
        return "… and " + count + " more";
    }

    @Override
    public String groupHeadline(int alerts, Optional<String> account, int accounts) {
        return alerts + " alerts on " + account.orElse(accounts + " accounts");
    }

    @Override
    public String repeatSubject(String headline) {
        return "Still firing: " + headline;
    }

    @Override
    public String repeatIntro(int alerts) {
        return alerts == 1
                ? "A reminder: this alert is still open, and nothing changed since the last notification."
                : "A reminder: these alerts are still open, and nothing changed since the last notification.";
    }

    @Override
    public String undeliveredSubject(Notice.Undelivered undelivered, String about) {
        return "Could not deliver to " + undelivered.channel() + ": " + about;
    }

    @Override
    public String undeliveredIntro(Notice.Undelivered undelivered, int alerts, String firstHeadline) {
        String what = alerts == 1 ? "the alert \"" + firstHeadline + "\"" : "the notification about " + alerts + " alerts";
        return "Could not deliver " + what + " to " + undelivered.channel() + ": " + undelivered.detail()
                + " after " + undelivered.attempts() + (undelivered.attempts() == 1 ? " attempt." : " attempts.");
    }

    @Override
    public String moreAlerts(int count) {
        return "… and " + count + " more " + (count == 1 ? "alert" : "alerts");
    }

    @Override
    public String dwell(Duration duration) {
        return AlertText.dwell(duration);
    }

    @Override
    public String sentence(String text) {
        String trimmed = text.strip();
        return trimmed.endsWith(".") || trimmed.endsWith("!") || trimmed.endsWith("?") ? trimmed : trimmed + ".";
    }

    @Override
    public String aside(String text) {
        return " (" + text + ")";
    }

    @Override
    public String listSeparator() {
        return "; ";
    }

    @Override
    protected String unknown() {
        return "unknown";
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
            sentence.append(" since ").append(instant(since));
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
    private String heldBack(String heldBack) {
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

    private String removal(Disappearance gone) {
        if (gone.lastSeenAt() != null) {
            return "removed while not watched, between " + time(gone.lastSeenAt()) + " and " + time(gone.removedAt());
        }
        if (gone.dwellTime() != null) {
            return "removed after " + dwell(gone.dwellTime());
        }
        return "removed " + time(gone.removedAt());
    }

    private static String orUnknown(String value) {
        return isBlank(value) ? "(unknown)" : value;
    }
}
