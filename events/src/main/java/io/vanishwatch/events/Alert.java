package io.vanishwatch.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One recognised pattern on one account, worded for the support person who must act on it.
 *
 * @param alertKey  account + pattern: the identity of the problem
 * @param firstSeen the first disappearance of this episode; with {@code alertKey} and {@code status} it names
 *                  one notification
 * @param evidence  the disappearances that made the pattern (at most a capped number; {@code count} counts all)
 * @param facts     what the pattern found beyond single messages, by name: the batch interval of a download-and-delete
 *                  device, the watch state and reason of a blind watch, the patterns a dominant alert holds back
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
        List<Disappearance> evidence,
        Map<String, String> facts) {

    /**
     * FIRING once, when the threshold is crossed; UPDATED as the evidence grows (at a bounded rate); RESOLVED once,
     * after a quiet period, with the totals. All three carry the episode's {@code firstSeen}.
     */
    public enum Status { FIRING, UPDATED, RESOLVED }

    public enum Severity { INFO, WARNING, CRITICAL }

    /** The patterns the analyzer tells apart; see DESIGN.md. */
    public enum Pattern {
        /** Unread mail leaves INBOX minutes after arrival and lands in no server folder: a device keeps it locally. */
        CLIENT_MOVES_TO_LOCAL,
        /** Unread mail leaves INBOX shortly after arrival for the server's Junk folder: hidden, not lost. */
        MOVED_TO_JUNK,
        /** Unread mail leaves INBOX shortly after arrival for an ordinary server folder: a rule files it, not lost. */
        MOVED_TO_FOLDER,
        /** Unread mail moved to Trash shortly after arrival: a rule or a device deletes it. */
        DELETED_UNREAD,
        /** Nearly every arrival removed from the server, read or not, in batches at a near-fixed interval: a POP-style device. */
        DOWNLOAD_AND_DELETE,
        /** Many messages, old ones too, removed in a short window: a compromise or an accident. Takes precedence. */
        MASS_REMOVAL,
        /** A folder's UIDVALIDITY changed: the server rebuilt it. Not a deletion; said as information. */
        MAILBOX_RESET,
        /** The watch cannot read the account (login refused, unreachable, TLS) for longer than a grace period. Takes precedence. */
        WATCHER_BLIND,
        /** Logins to the account keep failing, from the devices named (the mail server's log): a changed password? */
        LOGIN_FAILURES,
        /** A client name or address the account's server log had not shown before logged in: information. */
        NEW_DEVICE
    }

    /** Facts keys used by the analyzer. */
    public static final String FACT_INTERVAL = "interval";
    public static final String FACT_WATCH_STATE = "watchState";
    public static final String FACT_REASON = "reason";
    public static final String FACT_FOLDER = "folder";
    public static final String FACT_HELD_BACK = "heldBack";
    /**
     * The removals of the whole episode per device, as the mail server's records name it, most first:
     * "'Mac OS X Mail' at 192.0.2.14=9, an unknown device=3"; absent when no server record named any.
     */
    public static final String FACT_DEVICES = "devices";
    /** WATCHER_BLIND: since when the watch cannot read the account (an ISO instant). */
    public static final String FACT_BLIND_SINCE = "blindSince";

    public Alert {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        facts = facts == null ? Map.of() : Map.copyOf(facts);
    }

    public static String alertKey(String account, Pattern pattern) {
        return account + "/" + pattern;
    }

    /**
     * The identity of one notification about this alert, whatever the retries: one per episode for FIRING and
     * RESOLVED, one per count for UPDATED.
     */
    public String notificationKey() {
        String key = alertKey + "/" + status + "/" + firstSeen.toEpochMilli();
        return status == Status.UPDATED ? key + "/" + count : key;
    }
}
