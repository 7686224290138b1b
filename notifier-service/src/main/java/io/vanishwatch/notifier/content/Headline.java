package io.vanishwatch.notifier.content;

import java.time.Duration;
import java.time.format.DateTimeParseException;

import io.vanishwatch.events.Alert;

/**
 * The one line that names an alert — status, severity, account, what happened to how many messages, the pattern —
 * worded per pattern, so a mass removal is not said to have "vanished" and a blind watch is not counted in messages.
 */
final class Headline {

    private Headline() {
    }

    /** "UPDATED CRITICAL office: now 50 messages removed (mass removal)". */
    static String of(Alert alert) {
        return alert.status() + " " + alert.severity() + " " + alert.account() + ": " + what(alert)
                + " (" + patternPhrase(alert.pattern()) + interval(alert) + ")";
    }

    static String patternPhrase(Alert.Pattern pattern) {
        return switch (pattern) {
            case CLIENT_MOVES_TO_LOCAL -> "client moves new mail to local storage";
            case MOVED_TO_JUNK -> "moved to Junk on the server";
            case MOVED_TO_FOLDER -> "filed into another folder on the server";
            case DOWNLOAD_AND_DELETE -> "POP-style device";
            case LOGIN_FAILURES -> "logins failing";
            case NEW_DEVICE -> "new device on the account";
            default -> pattern.name().toLowerCase().replace('_', ' ');
        };
    }

    /** True for the patterns whose count is a number of messages (not resets, a blind watch, logins or devices). */
    static boolean countsMessages(Alert.Pattern pattern) {
        return switch (pattern) {
            case MAILBOX_RESET, WATCHER_BLIND, LOGIN_FAILURES, NEW_DEVICE -> false;
            case CLIENT_MOVES_TO_LOCAL, MOVED_TO_JUNK, MOVED_TO_FOLDER, DELETED_UNREAD, DOWNLOAD_AND_DELETE,
                 MASS_REMOVAL -> true;
        };
    }

    /** "every 15 min" for an ISO-8601 interval such as PT15M; the text as given when it is not one. */
    static String every(String isoInterval) {
        try {
            return "every " + AlertText.dwell(Duration.parse(isoInterval));
        } catch (DateTimeParseException e) {
            return "every " + isoInterval;
        }
    }

    private static String what(Alert alert) {
        return switch (alert.pattern()) {
            case WATCHER_BLIND -> switch (alert.status()) {
                case FIRING -> "Vanishwatch cannot read this account";
                case UPDATED -> "Vanishwatch still cannot read this account";
                case RESOLVED -> "Vanishwatch can read this account again";
            };
            case MAILBOX_RESET -> asNews(alert, plural(alert.count(), "folder reset", "folder resets") + " by the server")
                    + folders(alert);
            case LOGIN_FAILURES -> asNews(alert, plural(alert.count(), "failed login", "failed logins"));
            case NEW_DEVICE -> asNews(alert, plural(alert.count(), "new device", "new devices"));
            default -> asNews(alert, plural(alert.count(), unread(alert.pattern()) + "message",
                    unread(alert.pattern()) + "messages") + " " + verb(alert.pattern()));
        };
    }

    /** FIRING says what happened; UPDATED says where it stands now; RESOLVED gives the total. */
    private static String asNews(Alert alert, String counted) {
        return switch (alert.status()) {
            case FIRING -> counted;
            case UPDATED -> "now " + counted;
            case RESOLVED -> counted + " in total";
        };
    }

    private static String verb(Alert.Pattern pattern) {
        return switch (pattern) {
            case MOVED_TO_JUNK -> "moved to Junk";
            case MOVED_TO_FOLDER -> "filed away";
            case DELETED_UNREAD -> "deleted";
            case MASS_REMOVAL -> "removed";
            case DOWNLOAD_AND_DELETE -> "downloaded and deleted";
            default -> "vanished";
        };
    }

    /** "unread " where the pattern only counts unread mail; a mass removal or a POP device takes read mail too. */
    private static String unread(Alert.Pattern pattern) {
        return switch (pattern) {
            case CLIENT_MOVES_TO_LOCAL, MOVED_TO_JUNK, MOVED_TO_FOLDER, DELETED_UNREAD -> "unread ";
            default -> "";
        };
    }

    private static String folders(Alert alert) {
        String folders = alert.facts().get(Alert.FACT_FOLDER);
        return folders == null || folders.isBlank() ? "" : ": " + folders.strip();
    }

    private static String interval(Alert alert) {
        String interval = alert.facts().get(Alert.FACT_INTERVAL);
        return alert.pattern() != Alert.Pattern.DOWNLOAD_AND_DELETE || interval == null || interval.isBlank()
                ? "" : ", " + every(interval.strip());
    }

    private static String plural(int count, String one, String many) {
        return count + " " + (count == 1 ? one : many);
    }
}
