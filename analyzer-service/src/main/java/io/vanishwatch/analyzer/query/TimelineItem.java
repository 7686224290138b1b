package io.vanishwatch.analyzer.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.vanishwatch.analyzer.views.TimelineEntry;
import io.vanishwatch.events.Alert;

/**
 * One line of an account's timeline: something the collector saw ({@code event}) or an alert the analyzer raised,
 * updated or resolved ({@code alert}, without its evidence: the messages are the events around it).
 */
public record TimelineItem(Instant time, TimelineEntry event, Alert alert) {

    /** An event at {@code time}, its place on the timeline: observedAt to the millisecond, as records are stamped. */
    public static TimelineItem of(Instant time, TimelineEntry event) {
        return new TimelineItem(time, event, null);
    }

    public static TimelineItem of(Instant time, Alert alert) {
        return new TimelineItem(time, null, alert);
    }

    /**
     * Events and alerts, each already in time order, as one list in time order; at the same instant events come
     * first, as an alert follows the event that raised it.
     */
    public static List<TimelineItem> merge(List<TimelineItem> events, List<TimelineItem> alerts) {
        List<TimelineItem> merged = new ArrayList<>(events.size() + alerts.size());
        int e = 0;
        int a = 0;
        while (e < events.size() || a < alerts.size()) {
            if (a == alerts.size() || (e < events.size() && !events.get(e).time().isAfter(alerts.get(a).time()))) {
                merged.add(events.get(e++));
            } else {
                merged.add(alerts.get(a++));
            }
        }
        return merged;
    }
}
