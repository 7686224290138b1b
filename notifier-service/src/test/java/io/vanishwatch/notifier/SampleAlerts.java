package io.vanishwatch.notifier;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.FolderRole;

/**
 * Alerts as the analyzer sends them: the motivating case (a Mac's junk filter takes new, unread supplier mail off the
 * server) and one of each other kind, to word and route.
 */
public final class SampleAlerts {

    public static final Instant FIRST_SEEN = Instant.parse("2025-03-10T09:14:02Z");

    private SampleAlerts() {
    }

    /** FIRING, CRITICAL, {@code count} unread messages gone from the server (evidence: the first three). */
    public static Alert clientMovesToLocal(String account, int count) {
        List<Disappearance> evidence = List.of(
                gone(account, 101, "<inv-4711@supplier.example>", "billing@supplier.example", "Invoice 4711", 0, 42),
                gone(account, 102, "<inv-4712@supplier.example>", "billing@supplier.example", "Invoice 4712", 60, 95),
                gone(account, 103, "<order-88@shop.example>", "orders@shop.example", "Order 88 confirmed", 300, 3700));
        return new Alert(Alert.alertKey(account, Alert.Pattern.CLIENT_MOVES_TO_LOCAL), Alert.Status.FIRING,
                Alert.Pattern.CLIENT_MOVES_TO_LOCAL, Alert.Severity.CRITICAL, account, FIRST_SEEN,
                FIRST_SEEN.plusSeconds(300 + 3700), count,
                count + " unread messages left INBOX minutes after arriving and are in no server folder.",
                "Check each device's junk filter and mail rules; a Mac's Mail junk filter moving mail \"On My Mac\" is typical.",
                evidence.subList(0, Math.min(count, evidence.size())), null);
    }

    public static Alert resolved(Alert firing) {
        return new Alert(firing.alertKey(), Alert.Status.RESOLVED, firing.pattern(), firing.severity(), firing.account(),
                firing.firstSeen(), firing.lastSeen(), firing.count(), "No more messages vanished.", firing.advice(),
                firing.evidence(), firing.facts());
    }

    /** The same episode as {@code alert}, re-emitted as UPDATED with a higher count. */
    public static Alert updated(Alert alert, int count) {
        return new Alert(alert.alertKey(), Alert.Status.UPDATED, alert.pattern(), alert.severity(), alert.account(),
                alert.firstSeen(), alert.lastSeen(), count, alert.summary(), alert.advice(), alert.evidence(),
                alert.facts());
    }

    /** {@code alert} with another pattern and severity (its evidence and facts kept). */
    public static Alert as(Alert alert, Alert.Pattern pattern, Alert.Severity severity) {
        return new Alert(Alert.alertKey(alert.account(), pattern), alert.status(), pattern, severity, alert.account(),
                alert.firstSeen(), alert.lastSeen(), alert.count(), alert.summary(), alert.advice(), alert.evidence(),
                alert.facts());
    }

    /** {@code alert} with these facts instead of its own. */
    public static Alert withFacts(Alert alert, Map<String, String> facts) {
        return new Alert(alert.alertKey(), alert.status(), alert.pattern(), alert.severity(), alert.account(),
                alert.firstSeen(), alert.lastSeen(), alert.count(), alert.summary(), alert.advice(), alert.evidence(),
                facts);
    }

    /** FIRING, CRITICAL: {@code count} messages removed, of which the latest {@code listed} are the evidence. */
    public static Alert massRemoval(String account, int count, int listed) {
        List<Disappearance> evidence = new ArrayList<>();
        for (int i = 0; i < listed; i++) {
            evidence.add(gone(account, 500 + i, "<old-" + i + "@demo.example>", "archive@demo.example",
                    "Old thread " + i, -86_400L * 30, 86_400L * 30 + i));
        }
        return new Alert(Alert.alertKey(account, Alert.Pattern.MASS_REMOVAL), Alert.Status.FIRING,
                Alert.Pattern.MASS_REMOVAL, Alert.Severity.CRITICAL, account, FIRST_SEEN, FIRST_SEEN.plusSeconds(listed),
                count, count + " messages, old ones too, were removed within minutes.",
                "Act now: check who is logged in to this account and restore the mail from a backup.", evidence, null);
    }

    /** FIRING, INFO: the server reset {@code folders} (comma-separated), {@code resets} times in all. */
    public static Alert mailboxReset(String account, int resets, String folders) {
        return new Alert(Alert.alertKey(account, Alert.Pattern.MAILBOX_RESET), Alert.Status.FIRING,
                Alert.Pattern.MAILBOX_RESET, Alert.Severity.INFO, account, FIRST_SEEN, FIRST_SEEN, resets,
                "The server rebuilt " + folders + "; this is not a deletion.", "Nothing to do.", List.of(),
                Map.of(Alert.FACT_FOLDER, folders));
    }

    /** FIRING, WARNING: two devices failed to log in {@code failures} times in all. */
    public static Alert loginFailures(String account, int failures) {
        return new Alert(Alert.alertKey(account, Alert.Pattern.LOGIN_FAILURES), Alert.Status.FIRING,
                Alert.Pattern.LOGIN_FAILURES, Alert.Severity.WARNING, account, FIRST_SEEN, FIRST_SEEN.plusSeconds(300),
                failures, "Since 2025-03-10 09:14:02 UTC 'iPhone Mail' at 192.0.2.15 (4 times) and 'Thunderbird' at"
                        + " 192.0.2.16 (once) fail to log in to " + account + ". Was the password changed?",
                "Enter the new password on each device named.", List.of(),
                Map.of(Alert.FACT_DEVICES, "'iPhone Mail' at 192.0.2.15=4, 'Thunderbird' at 192.0.2.16=1"));
    }

    /** FIRING, INFO: a device new on the account. */
    public static Alert newDevice(String account) {
        return new Alert(Alert.alertKey(account, Alert.Pattern.NEW_DEVICE), Alert.Status.FIRING,
                Alert.Pattern.NEW_DEVICE, Alert.Severity.INFO, account, FIRST_SEEN, FIRST_SEEN, 1,
                "New on " + account + ": 'Thunderbird' at 198.51.100.7 uses it.", "Nothing to do if it is yours.",
                List.of(), Map.of(Alert.FACT_DEVICES, "'Thunderbird' at 198.51.100.7=1"));
    }

    /** FIRING, CRITICAL: the watch has not been able to log in since {@link #FIRST_SEEN}. */
    public static Alert watcherBlind(String account) {
        return new Alert(Alert.alertKey(account, Alert.Pattern.WATCHER_BLIND), Alert.Status.FIRING,
                Alert.Pattern.WATCHER_BLIND, Alert.Severity.CRITICAL, account, FIRST_SEEN, FIRST_SEEN.plusSeconds(120),
                1, "Vanishwatch cannot read " + account + ": authentication failed — was the password changed?",
                "Update the password in the collector's configuration.", List.of(),
                Map.of(Alert.FACT_WATCH_STATE, "AUTH_FAILED", Alert.FACT_REASON, "AUTHENTICATE failed",
                        "blindSince", FIRST_SEEN.toString()));
    }

    private static Disappearance gone(String account, long uid, String messageId, String from, String subject,
            long arrivedAfter, long dwellSeconds) {
        Instant arrived = FIRST_SEEN.plusSeconds(arrivedAfter);
        return new Disappearance(account, "INBOX", FolderRole.INBOX, 7, uid, messageId, from, subject, arrived,
                arrived.plusSeconds(dwellSeconds), null, Duration.ofSeconds(dwellSeconds), false,
                Disappearance.Destination.GONE, null, null, null, Disappearance.Basis.FOLDER_CHECK,
                arrived.plusSeconds(dwellSeconds), List.of("Junk", "Trash"), null);
    }
}
