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
        return of(rule, episode, Alert.Status.FIRING, correlationWindow);
    }

    /** The FIRING or UPDATED alert of an episode: the story so far, and what to do. */
    public static Alert of(PatternRule rule, Episode episode, Alert.Status status, Duration correlationWindow) {
        String summary = firingSummary(rule.pattern(), episode, correlationWindow);
        if (status == Alert.Status.UPDATED) {
            summary = switch (rule.pattern()) {
                case MAILBOX_RESET -> "Another folder rebuilt, " + episode.count() + " in all. ";
                case WATCHER_BLIND -> "Still blind. ";
                case LOGIN_FAILURES -> "Still failing, " + episode.count() + " failed logins now. ";
                case NEW_DEVICE -> "Another new device, " + episode.count() + " in all. ";
                default -> "Still going on, now " + episode.count() + ". ";
            } + summary;
        }
        return alert(rule, episode, status, summary, firingAdvice(rule.pattern(), episode));
    }

    /** The RESOLVED alert that ends an episode: same firstSeen, final count. */
    public static Alert resolved(PatternRule rule, Episode episode) {
        return alert(rule, episode, Alert.Status.RESOLVED, resolvedSummary(rule, episode),
                rule.pattern() == Alert.Pattern.WATCHER_BLIND
                        ? "Removals made while the watch was blind are reported now, from the mailbox as it is."
                        : "Nothing more to do if the cause was found and fixed; if it happens again, a new alert is raised.");
    }

    /** The RESOLVED alert of an episode that a dominant pattern now explains. */
    public static Alert covered(PatternRule rule, Episode episode, Alert.Pattern dominant) {
        return alert(rule, episode, Alert.Status.RESOLVED, "Now covered by the " + phrase(dominant) + " alert of "
                        + episode.account() + ", which explains these " + plural(episode.count(), "message", "messages")
                        + " too: follow that one.",
                "See the " + phrase(dominant) + " alert.");
    }

    /** How a person names a pattern. */
    public static String phrase(Alert.Pattern pattern) {
        return switch (pattern) {
            case CLIENT_MOVES_TO_LOCAL -> "client moves new mail to local storage";
            case MOVED_TO_JUNK -> "moved to Junk";
            case MOVED_TO_FOLDER -> "filed into another folder";
            case DELETED_UNREAD -> "deleted unread";
            case DOWNLOAD_AND_DELETE -> "download-and-delete device";
            case MASS_REMOVAL -> "mass removal";
            case MAILBOX_RESET -> "mailbox reset";
            case WATCHER_BLIND -> "watcher blind";
            case LOGIN_FAILURES -> "failed logins";
            case NEW_DEVICE -> "new device";
        };
    }

    /** The same alert with the dominated patterns it holds back named, in its facts and its words. */
    public static Alert holdingBack(Alert alert, Map<Alert.Pattern, Integer> heldBack) {
        if (heldBack.isEmpty() || alert.status() == Alert.Status.RESOLVED) {
            return alert;
        }
        String listed = heldBack.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
        String words = heldBack.entrySet().stream()
                .map(e -> phrase(e.getKey()) + " (" + plural(e.getValue(), "message", "messages") + ")")
                .collect(Collectors.joining(", "));
        Map<String, String> facts = new LinkedHashMap<>(alert.facts());
        facts.put(Alert.FACT_HELD_BACK, listed);
        return new Alert(alert.alertKey(), alert.status(), alert.pattern(), alert.severity(), alert.account(),
                alert.firstSeen(), alert.lastSeen(), alert.count(),
                alert.summary() + " Also matching, not alerted separately: " + words + ".", alert.advice(),
                alert.evidence(), facts);
    }

    private static Alert alert(PatternRule rule, Episode episode, Alert.Status status, String summary, String advice) {
        Map<String, String> facts = episode.facts();
        if (DeviceTally.anyKnown(episode.devices())) {
            facts = new LinkedHashMap<>(facts);
            facts.put(Alert.FACT_DEVICES, DeviceTally.fact(episode.devices()));
        }
        return new Alert(Alert.alertKey(episode.account(), rule.pattern()), status, rule.pattern(), rule.severity(),
                episode.account(), episode.firstSeen(), episode.lastSeen(), episode.count(), summary, advice,
                episode.evidence(), facts);
    }

    /**
     * What Dovecot needs so that Vanishwatch can name the device, said in the advice of a removal pattern while no
     * server record named one.
     */
    static final String NAME_THE_DEVICE = " Vanishwatch can name the device itself when it reads the mail server's"
            + " log: for Dovecot, add \"mail_log notify\" to mail_plugins with mail_log_events = delete undelete"
            + " expunge copy flag_change and mail_log_fields = uid box msgid flags, add session=<%{session}> to"
            + " login_log_format_elements, set imap_id_log = * (the client's name), and run the collector's"
            + " server-log follower (see the README).";

    /** Whether the pattern is about messages removed by some device, which the server's records can name. */
    static boolean namesDevices(Alert.Pattern pattern) {
        return switch (pattern) {
            case CLIENT_MOVES_TO_LOCAL, MOVED_TO_JUNK, MOVED_TO_FOLDER, DELETED_UNREAD, DOWNLOAD_AND_DELETE,
                 MASS_REMOVAL -> true;
            case MAILBOX_RESET, WATCHER_BLIND, LOGIN_FAILURES, NEW_DEVICE -> false;
        };
    }

    /**
     * " All 12 came from 'Mac OS X Mail' at 192.0.2.14." or each device with its count; for a download-and-delete
     * POP3 client, that it is the device; empty when no server record named a device.
     */
    static String devices(Alert.Pattern pattern, Episode episode) {
        String words = DeviceTally.words(episode.devices(), episode.count());
        if (!namesDevices(pattern) || words.isEmpty()) {
            return "";
        }
        String top = DeviceTally.top(episode.devices());
        if (pattern == Alert.Pattern.DOWNLOAD_AND_DELETE && top != null && top.contains("POP3")) {
            return " The download-and-delete device is " + top + ": it deletes what it retrieves over POP3. "
                    + words;
        }
        return " " + words;
    }

    /** The advice's last words on the device: which one to look at, or how to let Vanishwatch name it. */
    private static String deviceAdvice(Alert.Pattern pattern, Episode episode) {
        if (!namesDevices(pattern)) {
            return "";
        }
        String top = DeviceTally.top(episode.devices());
        if (top == null) {
            return NAME_THE_DEVICE;
        }
        return " The mail server's records name the device: start with " + top + ".";
    }

    static String firingSummary(Alert.Pattern pattern, Episode episode, Duration correlationWindow) {
        List<Disappearance> evidence = episode.evidence();
        String account = episode.account();
        String folder = evidence.isEmpty() ? "INBOX" : evidence.get(0).folder();
        String messages = plural(episode.count(), "unread message", "unread messages");
        String within = "within " + humanDuration(longestDwell(evidence)) + " of arriving";
        String what = switch (pattern) {
            case CLIENT_MOVES_TO_LOCAL -> messages + " vanished from " + folder + " of " + account + " "
                    + within + "; " + BasisWording.inNoFolder(evidence, correlationWindow);
            case MOVED_TO_JUNK -> messages + " were moved from " + folder + " of " + account + " to "
                    + destinations(evidence) + " " + within + "; they are hidden there, not lost."
                    + BasisWording.foundThere(evidence, correlationWindow);
            case MOVED_TO_FOLDER -> messages + " were filed from " + folder + " of " + account + " into "
                    + destinations(evidence) + " on the server " + within + "; they are there, not lost."
                    + BasisWording.foundThere(evidence, correlationWindow);
            case DELETED_UNREAD -> messages + " were deleted from " + folder + " of " + account + " into "
                    + destinations(evidence) + " " + within + ", before anyone read them."
                    + BasisWording.foundThere(evidence, correlationWindow);
            case DOWNLOAD_AND_DELETE -> plural(episode.count(), "message", "messages") + " were taken off the server"
                    + " from INBOX of " + account + ", read or not, in batches about every "
                    + humanDuration(interval(episode)) + ", nearly every one that arrived; "
                    + BasisWording.inNoFolder(evidence, correlationWindow);
            case MASS_REMOVAL -> plural(episode.count(), "message", "messages") + " were removed from " + account
                    + " in " + humanDuration(Duration.between(episode.firstSeen(), episode.lastSeen())) + ", "
                    + oldest(episode) + "; from " + episode.facts().getOrDefault(Alert.FACT_FOLDER, "its folders")
                    + ", " + gonePart(episode) + ".";
            case MAILBOX_RESET -> "The server rebuilt " + episode.facts().getOrDefault(Alert.FACT_FOLDER, "a folder")
                    + " of " + account + " (its UIDVALIDITY changed" + (episode.count() > 1 ? ", " + episode.count()
                    + " times" : "") + "): every message got a new UID. Nothing was deleted; Vanishwatch took the"
                    + " folder as it is now as its new starting point.";
            case WATCHER_BLIND -> "Vanishwatch cannot read " + account + " since "
                    + time(episode.firstSeen()) + ": " + blindReason(episode) + ". Until this is fixed, disappearances"
                    + " on this account are not seen.";
            case LOGIN_FAILURES -> "Since " + time(episode.firstSeen()) + " " + DeviceTally.listed(episode.devices(), true)
                    + (episode.devices().size() == 1 ? " fails" : " fail") + " to log in to " + account + ": "
                    + plural(episode.count(), "failed login", "failed logins") + loginReason(episode)
                    + ". Was the password changed?";
            case NEW_DEVICE -> "New on " + account + ": " + DeviceTally.listed(episode.devices(), false)
                    + (episode.devices().size() == 1 ? " uses" : " use") + " it since " + time(episode.firstSeen())
                    + "; the mail server's log had not shown " + (episode.devices().size() == 1 ? "it" : "them")
                    + " before.";
        };
        if (!namesDevices(pattern)) {
            return what;
        }
        return what + devices(pattern, episode) + " Removed between " + time(episode.firstSeen()) + " and "
                + time(episode.lastSeen()) + "."
                + " From: " + senders(evidence) + "." + " Subjects: " + subjects(evidence)
                + (evidence.size() < episode.count() ? " (the latest " + evidence.size() + " listed)" : "") + ".";
    }

    static String firingAdvice(Alert.Pattern pattern, Episode episode) {
        return patternAdvice(pattern, episode) + deviceAdvice(pattern, episode);
    }

    private static String patternAdvice(Alert.Pattern pattern, Episode episode) {
        String account = episode.account();
        boolean named = DeviceTally.top(episode.devices()) != null;
        return switch (pattern) {
            case CLIENT_MOVES_TO_LOCAL -> "A device or mail app that reads " + account
                    + " takes new mail off the server before anyone reads it, most often with a junk-mail filter or a"
                    + " mail rule (Apple Mail's junk filter, for example, moves it into a local \"On My Mac\" folder)."
                    + " The messages are not lost: they are on that device. Check the junk-mail filter and the rules"
                    + " of each device that reads this account, and look in their local Junk folders for the subjects"
                    + " listed." + (named ? "" : " The mail server's logs at the removal times listed say which device"
                    + " (IP address and client name) removed them.");
            case MOVED_TO_JUNK -> "The messages are in the Junk folder on the server: not lost, but easy to miss."
                    + " Check the server's spam filter and the junk-mail settings and rules of each device that reads "
                    + account + "; mark the messages as not junk, or allow their senders, so that such"
                    + " mail stays in INBOX.";
            case MOVED_TO_FOLDER -> "The messages are in " + destinations(episode.evidence()) + " on the server: not"
                    + " lost, but nobody sees them arrive in INBOX. A mail rule or filter files them there, either on"
                    + " the server (webmail or Sieve rules) or in a mail app on one of the devices that read "
                    + account + ". Check the rules for the senders listed; change or remove the rule if"
                    + " this mail should stay in INBOX.";
            case DELETED_UNREAD -> "A mail rule or a device deletes these messages as they arrive. They are still in "
                    + destinations(episode.evidence()) + " until it is emptied: restore what is needed now. Then check"
                    + " the rules (server and each device) for the senders listed, and any \"delete\" or \"block"
                    + " sender\" setting.";
            case DOWNLOAD_AND_DELETE -> "A device reading " + account + " with POP, or with IMAP set to \"remove from"
                    + " server after retrieval\", downloads each message and deletes it from the server every "
                    + humanDuration(interval(episode)) + ": the mail is on that device only, and every other device"
                    + " misses it. Find the device that checks mail at that interval (an old desktop mail program, a"
                    + " phone set up with POP) and switch it to IMAP, or set it to leave messages on the server.";
            case MASS_REMOVAL -> "Act now: this is either an accident (a device syncing an empty mailbox, a wrong"
                    + " \"delete all\") or someone with the password deleting mail. Stop the devices that read "
                    + account + " from syncing, change the password if any doubt, and ask the mail provider to restore"
                    + " from backup while it still can." + (named ? ""
                    : " The server's logs at these times say which client removed them.");
            case MAILBOX_RESET -> "Nothing to do unless it happens often: a server migration, restore or index"
                    + " repair rebuilds folders. Devices may download the folder again.";
            case WATCHER_BLIND -> blindAdvice(episode);
            case LOGIN_FAILURES -> "If the password of " + account + " was changed, enter the new one on each device"
                    + " named. If nobody changed it, someone may be trying to guess it: check the addresses named,"
                    + " and change the password if any of them is not one of the office's devices.";
            case NEW_DEVICE -> "Nothing to do if someone set up a new phone or computer, or a device's address changed."
                    + " If nobody knows this device, change the password of " + account + " now and check the"
                    + " account's forwarding and filter rules.";
        };
    }

    static String resolvedSummary(PatternRule rule, Episode episode) {
        return patternResolved(rule, episode) + devices(rule.pattern(), episode);
    }

    private static String patternResolved(PatternRule rule, Episode episode) {
        String quiet = humanDuration(rule.quietPeriod());
        String counted = plural(episode.count(), "message", "messages");
        String between = " between " + time(episode.firstSeen()) + " and " + time(episode.lastSeen()) + ".";
        String account = episode.account();
        return switch (rule.pattern()) {
            case CLIENT_MOVES_TO_LOCAL -> "No more unread messages have vanished from INBOX of " + account
                    + " for " + quiet + "; " + counted + " vanished" + between;
            case MOVED_TO_JUNK -> "No more unread messages have been moved from INBOX of " + account
                    + " to Junk for " + quiet + "; " + counted + " were moved" + between;
            case MOVED_TO_FOLDER -> "No more unread messages have been filed from INBOX of " + account
                    + " into other folders for " + quiet + "; " + counted + " were filed into "
                    + destinations(episode.evidence()) + between;
            case DELETED_UNREAD -> "No more unread messages have been deleted from INBOX of " + account + " for "
                    + quiet + "; " + counted + " were deleted unread" + between;
            case DOWNLOAD_AND_DELETE -> "No more batches have been taken off the server from " + account + " for "
                    + quiet + "; " + counted + " were downloaded and deleted" + between;
            case MASS_REMOVAL -> "The removals on " + account + " stopped " + quiet + " ago; " + counted
                    + " were removed in all" + between;
            case MAILBOX_RESET -> "No more folders of " + account + " were rebuilt for " + quiet + "; "
                    + plural(episode.count(), "reset", "resets") + between;
            case WATCHER_BLIND -> "Vanishwatch reads " + account + " again since " + time(episode.lastSeen())
                    + "; it could not from " + time(episode.firstSeen()) + " ("
                    + humanDuration(Duration.between(episode.firstSeen(), episode.lastSeen())) + ": "
                    + blindReason(episode) + ").";
            case LOGIN_FAILURES -> "No more failed logins to " + account + " for " + quiet + "; "
                    + plural(episode.count(), "login", "logins") + " failed" + between + " By: "
                    + DeviceTally.listed(episode.devices(), true) + ".";
            case NEW_DEVICE -> plural(episode.count(), "new device", "new devices") + " on " + account + between
                    + " " + DeviceTally.listed(episode.devices(), false) + ".";
        };
    }

    private static Duration interval(Episode episode) {
        String interval = episode.facts().get(Alert.FACT_INTERVAL);
        return interval == null ? null : Duration.parse(interval);
    }

    private static String loginReason(Episode episode) {
        String reason = episode.facts().get(Alert.FACT_REASON);
        return reason == null || reason.isBlank() ? "" : " (" + reason + ")";
    }

    private static String blindReason(Episode episode) {
        String state = episode.facts().getOrDefault(Alert.FACT_WATCH_STATE, "");
        String reason = episode.facts().get(Alert.FACT_REASON);
        String what = switch (state) {
            case "AUTH_FAILED" -> oauth(reason) ? "authentication failed — was the app's access revoked or its"
                    + " refresh token expired?" : "authentication failed — was the password changed?";
            case "TLS_FAILED" -> "the secure connection (TLS) failed — has the server's certificate changed?";
            case "UNREACHABLE" -> "the server cannot be reached";
            default -> "the watch cannot read it";
        };
        return reason == null || reason.isBlank() ? what : what + " (" + reason + ")";
    }

    /** Whether a login failure is about an OAuth2 token (the collector's reason names the token or its endpoint). */
    private static boolean oauth(String reason) {
        return reason != null && (reason.contains("token endpoint") || reason.contains("token command")
                || reason.contains("XOAUTH2") || reason.contains("OAUTHBEARER") || reason.contains("OAuth"));
    }

    private static String blindAdvice(Episode episode) {
        String state = episode.facts().getOrDefault(Alert.FACT_WATCH_STATE, "");
        if (state.equals("AUTH_FAILED") && oauth(episode.facts().get(Alert.FACT_REASON))) {
            return "Get a new refresh token for " + episode.account() + " (see the README, OAuth2) and write it into"
                    + " the file named by vanishwatch.collector.accounts." + episode.account() + ".oauth2.refresh-token-file:"
                    + " it is read again at the next login. If nobody revoked the access, check the account now.";
        }
        return switch (state) {
            case "AUTH_FAILED" -> "If the password of " + episode.account() + " was changed, give Vanishwatch the"
                    + " new one: in the file named by vanishwatch.collector.accounts." + episode.account()
                    + ".password-file it is read again at the next login, nothing to restart; set in .password or"
                    + " .password-env, restart Vanishwatch. If nobody changed it, someone else may have: check the"
                    + " account now.";
            case "TLS_FAILED" -> "Check the server's certificate (expired, renamed host) and the collector's"
                    + " trust settings for " + episode.account() + ".";
            default -> "Check that the mail server is up and reachable from the collector (host, port, firewall),"
                    + " and whether it limits connections.";
        };
    }

    private static String oldest(Episode episode) {
        String oldest = episode.facts().get(EpisodeTracker.FACT_OLDEST);
        return oldest == null ? "of unknown age" : "some of them " + humanDuration(Duration.parse(oldest)) + " old";
    }

    private static String gonePart(Episode episode) {
        int toTrash = Integer.parseInt(episode.facts().getOrDefault(EpisodeTracker.FACT_TO_TRASH, "0"));
        if (toTrash == 0) {
            return "gone from the server";
        }
        return toTrash >= episode.count() ? "moved to Trash"
                : toTrash + " moved to Trash, the other " + (episode.count() - toTrash) + " gone from the server";
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
            if (d.removedByDevice() != null) {
                line.append(", ").append(d.removedByDevice().how());
            }
        }
        return line.toString();
    }

    /** "40 seconds", "2 minutes", "3 hours", "400 days": rounded up, so "within" stays true. */
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
        long hours = (minutes + 59) / 60;
        if (hours < 48) {
            return plural(hours, "hour", "hours");
        }
        return plural((hours + 23) / 24, "day", "days");
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
