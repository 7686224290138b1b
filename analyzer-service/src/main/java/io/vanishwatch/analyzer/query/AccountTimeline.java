package io.vanishwatch.analyzer.query;

import java.time.Instant;
import java.util.List;

/** What happened on one account between {@code from} and {@code to} (both included), in time order. */
public record AccountTimeline(String account, Instant from, Instant to, List<TimelineItem> items) {

    public AccountTimeline {
        items = List.copyOf(items);
    }
}
