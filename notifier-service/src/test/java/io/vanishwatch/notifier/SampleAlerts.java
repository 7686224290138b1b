package io.vanishwatch.notifier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.FolderRole;

/** The motivating case as alerts: a Mac's junk filter takes new, unread supplier mail off the server. */
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

    private static Disappearance gone(String account, long uid, String messageId, String from, String subject,
            long arrivedAfter, long dwellSeconds) {
        Instant arrived = FIRST_SEEN.plusSeconds(arrivedAfter);
        return new Disappearance(account, "INBOX", FolderRole.INBOX, 7, uid, messageId, from, subject, arrived,
                arrived.plusSeconds(dwellSeconds), null, Duration.ofSeconds(dwellSeconds), false,
                Disappearance.Destination.GONE, null, null, null, Disappearance.Basis.FOLDER_CHECK,
                arrived.plusSeconds(dwellSeconds), List.of("Junk", "Trash"));
    }
}
