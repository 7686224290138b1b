package io.vanishwatch.events;

import java.time.Instant;
import java.util.List;

/**
 * One recognised pattern on one account, worded for the support person who must act on it.
 *
 * @param alertKey  account + pattern: the identity of the problem
 * @param firstSeen the first disappearance of this episode; with {@code alertKey} and {@code status} it names
 *                  one notification
 * @param evidence  the disappearances that made the pattern
 */
public record Alert(
        String alertKey,
        Status status,
        Pattern pattern,
        Severity severity,
        String account,
        Instant firstSeen,
        Instant lastSeen,
        int count,
        String summary,
        String advice,
        List<Disappearance> evidence) {

    public enum Status { FIRING, RESOLVED }

    public enum Severity { INFO, WARNING, CRITICAL }

    /** The patterns the analyzer tells apart; see DESIGN.md. */
    public enum Pattern {
        /** Unread mail leaves INBOX minutes after arrival and lands in no server folder: a device keeps it locally. */
        CLIENT_MOVES_TO_LOCAL,
        /** Unread mail leaves INBOX shortly after arrival for the server's Junk folder: hidden, not lost. */
        MOVED_TO_JUNK,
        /** Unread mail leaves INBOX shortly after arrival for an ordinary server folder: a rule files it, not lost. */
        MOVED_TO_FOLDER
    }

    public Alert {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    public static String alertKey(String account, Pattern pattern) {
        return account + "/" + pattern;
    }

    /** The identity of one notification about this alert: one per episode and status, whatever the retries. */
    public String notificationKey() {
        return alertKey + "/" + status + "/" + firstSeen.toEpochMilli();
    }
}
