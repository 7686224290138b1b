package io.vanishwatch.collector.publish;

import java.util.List;

import io.vanishwatch.collector.serverlog.LogPosition;
import io.vanishwatch.events.ServerLogEvent;

/**
 * The events of a run of log lines and the follower's position after them: published together or not at all, so a
 * restarted follower neither skips nor repeats a line.
 *
 * @param position null for a source without one (stdin)
 */
public record ServerLogPublication(List<ServerLogEvent> events, LogPosition position) {

    public ServerLogPublication {
        events = List.copyOf(events);
    }

    public boolean isEmpty() {
        return events.isEmpty() && position == null;
    }
}
