package io.vanishwatch.notifier.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.notifier.SampleAlerts;
import io.vanishwatch.notifier.delivery.Notice;

/** Notices as routing and grouping hand them to the channels: one alert, a group, a reminder, an undelivered one. */
public final class SampleNotices {

    public static final Notice.Presentation JAPANESE_TOKYO = new Notice.Presentation("ja", "Asia/Tokyo", Optional.empty());
    public static final Notice.Presentation WITH_TIMELINE = new Notice.Presentation("en", "UTC",
            Optional.of("https://vw.example/"));

    private SampleNotices() {
    }

    public static Notice of(Alert alert, Notice.Presentation presentation) {
        return new Notice(alert.notificationKey(), Notice.Kind.ALERTS, "office-staff", List.of(alert), presentation, null);
    }

    /** Three alerts on {@code office}: local storage, a mass removal, a blind watch. */
    public static Notice group(Notice.Presentation presentation) {
        return new Notice("office-staff/group-1", Notice.Kind.ALERTS, "office-staff", groupAlerts("office"),
                presentation, null);
    }

    public static List<Alert> groupAlerts(String account) {
        return List.of(SampleAlerts.clientMovesToLocal(account, 3), SampleAlerts.massRemoval(account, 50, 2),
                SampleAlerts.watcherBlind(account));
    }

    public static Notice repeat(Alert alert, Notice.Presentation presentation) {
        return new Notice(alert.notificationKey() + "/repeat/1", Notice.Kind.REPEAT, "office-staff", List.of(alert),
                presentation, null);
    }

    public static Notice undelivered(Alert alert, Notice.Presentation presentation) {
        return new Notice(alert.notificationKey() + "/undelivered/slack", Notice.Kind.UNDELIVERED, "office-staff",
                List.of(alert), presentation,
                new Notice.Undelivered("slack", alert.notificationKey(), "HTTP 404: no_team", 5));
    }

    /** {@code alert} whose first message has this subject and sender. */
    public static Alert withFirstMessage(Alert alert, String subject, String from) {
        List<Disappearance> evidence = new ArrayList<>(alert.evidence());
        Disappearance first = evidence.get(0);
        evidence.set(0, new Disappearance(first.account(), first.folder(), first.folderRole(), first.uidValidity(),
                first.uid(), first.messageId(), from, subject, first.arrivedAt(), first.removedAt(), first.lastSeenAt(),
                first.dwellTime(), first.readBeforeRemoval(), first.destination(), first.movedToFolder(),
                first.movedToRole(), first.removedBy(), first.basis(), first.checkedAt(), first.foldersChecked(),
                first.removedByDevice()));
        return new Alert(alert.alertKey(), alert.status(), alert.pattern(), alert.severity(), alert.account(),
                alert.firstSeen(), alert.lastSeen(), alert.count(), alert.summary(), alert.advice(), evidence,
                alert.facts());
    }
}
