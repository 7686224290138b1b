package io.vanishwatch.collector.checkpoint;

import io.vanishwatch.events.MessageSummary;

/** One message's checkpoint record: what the watcher keeps of it, under the UIDVALIDITY its UID belongs to. */
public record MessageCheckpoint(long uidValidity, MessageSummary message) {
}
