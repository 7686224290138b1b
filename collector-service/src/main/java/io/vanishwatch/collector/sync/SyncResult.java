package io.vanishwatch.collector.sync;

import java.util.List;

import io.vanishwatch.events.MailboxEvent;

/** The events one synchronisation found, in order, and the state to keep once they are published. */
public record SyncResult(FolderState state, List<MailboxEvent> events) {

    public SyncResult {
        events = List.copyOf(events);
    }
}
