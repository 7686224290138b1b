package io.vanishwatch.notifier.dispatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.vanishwatch.events.Alert;
import io.vanishwatch.notifier.delivery.Notice;
import io.vanishwatch.notifier.routing.Grouping;
import io.vanishwatch.notifier.routing.Receiver;
import io.vanishwatch.notifier.routing.RouteTree;

/**
 * The alerts of one route that share their grouping labels, and what the receiver was told of them: a new group
 * waits {@code group-wait} for company, news of a group that spoke waits out {@code group-interval}, and a group with
 * open alerts and no news speaks again after {@code repeat-interval}. Pure: the dispatcher keeps it in its store.
 *
 * @param alerts      the latest state of each alert, in the order they joined; a RESOLVED one leaves at the next flush
 * @param told        alert key → the notification key of the state the receiver was last told
 * @param nextFlushAt when the news goes out; null when there is none
 * @param lastNoticeAt when the group last spoke; null before its first notification
 * @param repeats     reminders since the last news
 */
public record AlertGroup(String route, String receiver, String groupKey, Map<String, String> labels,
        List<Alert> alerts, Map<String, String> told, Instant nextFlushAt, Instant lastNoticeAt, int repeats) {

    public AlertGroup {
        labels = Map.copyOf(labels);
        alerts = List.copyOf(alerts);
        told = Map.copyOf(told);
    }

    /** What a flush produced: the notification to send (if any) and the group to keep (none: forget the group). */
    public record Flush(Optional<Notice> notice, Optional<AlertGroup> next) {
    }

    public static AlertGroup of(RoutedAlert routed) {
        return new AlertGroup(routed.route(), routed.receiver(), routed.groupKey(), routed.groupLabels(), List.of(),
                Map.of(), null, null, 0);
    }

    /** The group with {@code alert}'s latest state; its news goes out after group-wait or group-interval. */
    public AlertGroup with(Alert alert, Instant now, Grouping grouping) {
        List<Alert> updated = new ArrayList<>(alerts);
        int index = indexOf(alert.alertKey());
        if (index >= 0) {
            updated.set(index, alert);
        } else {
            updated.add(alert);
        }
        Instant flushAt = nextFlushAt;
        if (flushAt == null) {
            flushAt = lastNoticeAt == null ? now.plus(grouping.groupWait())
                    : latest(now, lastNoticeAt.plus(grouping.groupInterval()));
        }
        return new AlertGroup(route, receiver, groupKey, labels, updated, told, flushAt, lastNoticeAt, repeats);
    }

    /** Whether {@link #flush} has something to do at {@code now}. */
    public boolean due(Instant now, Grouping grouping) {
        if (nextFlushAt != null) {
            return !now.isBefore(nextFlushAt);
        }
        return !grouping.repeatInterval().isZero() && lastNoticeAt != null && !alerts.isEmpty()
                && !now.isBefore(lastNoticeAt.plus(grouping.repeatInterval()));
    }

    /** Sends the news (or, with none due, the reminder) and returns what is left of the group. */
    public Flush flush(Instant now, Grouping grouping, Receiver to) {
        if (!due(now, grouping)) {
            return new Flush(Optional.empty(), Optional.of(this));
        }
        if (nextFlushAt == null) {
            Notice reminder = new Notice(key(alerts) + "#repeat-" + (repeats + 1), Notice.Kind.REPEAT, receiver,
                    alerts, to.presentation(), null);
            return new Flush(Optional.of(reminder), Optional.of(new AlertGroup(route, receiver, groupKey, labels,
                    alerts, told, null, now, repeats + 1)));
        }
        List<Alert> news = alerts.stream()
                .filter(alert -> !alert.notificationKey().equals(told.get(alert.alertKey())))
                .filter(alert -> alert.status() != Alert.Status.RESOLVED || to.sendResolved())
                .toList();
        List<Alert> open = alerts.stream().filter(alert -> alert.status() != Alert.Status.RESOLVED).toList();
        Map<String, String> nowTold = new HashMap<>(told);
        news.forEach(alert -> nowTold.put(alert.alertKey(), alert.notificationKey()));
        nowTold.keySet().retainAll(open.stream().map(Alert::alertKey).toList());
        Optional<Notice> notice = news.isEmpty() ? Optional.empty()
                : Optional.of(new Notice(key(news), Notice.Kind.ALERTS, receiver, news, to.presentation(), null));
        Instant spoke = notice.isPresent() ? now : lastNoticeAt;
        Optional<AlertGroup> next = open.isEmpty() ? Optional.empty()
                : Optional.of(new AlertGroup(route, receiver, groupKey, labels, open, nowTold, null, spoke,
                notice.isPresent() ? 0 : repeats));
        return new Flush(notice, next);
    }

    /**
     * The notification's identity: its alerts' notification keys, after the route's name unless it is the root — so
     * one alert through the root keeps the alert's own notification key, and the same news is the same key again.
     */
    private String key(List<Alert> about) {
        String keys = about.stream().map(Alert::notificationKey).collect(Collectors.joining("+"));
        return RouteTree.ROOT.equals(route) ? keys : route + ":" + keys;
    }

    private int indexOf(String alertKey) {
        for (int i = 0; i < alerts.size(); i++) {
            if (alerts.get(i).alertKey().equals(alertKey)) {
                return i;
            }
        }
        return -1;
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
