package io.vanishwatch.collector.publish;

import java.util.List;

import io.vanishwatch.collector.checkpoint.CheckpointRecord;
import io.vanishwatch.events.MailboxEvent;

/** What one synchronisation found and the checkpoint changes that go with it: published together or not at all. */
public record Publication(String account, List<MailboxEvent> events, List<CheckpointRecord> checkpoints) {

    public Publication {
        events = List.copyOf(events);
        checkpoints = List.copyOf(checkpoints);
    }

    public static Publication events(String account, List<MailboxEvent> events) {
        return new Publication(account, events, List.of());
    }

    public boolean isEmpty() {
        return events.isEmpty() && checkpoints.isEmpty();
    }
}
