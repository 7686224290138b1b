package io.vanishwatch.analyzer.rules;

import java.time.Instant;

/**
 * A removal without the collector's verdict, waiting for the correlation window (in event time) to tell whether the
 * same message turns up in another folder.
 */
public record PendingRemoval(String account, KnownMessage message, Instant removedAt, Instant lastSeenAt) {
}
