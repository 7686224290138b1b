package io.vanishwatch.analyzer.rules;

import java.time.Instant;

/**
 * A removal waiting for the correlation window to tell whether the same message turns up in another folder.
 *
 * @param decideAtMs the wall-clock time (epoch ms) at which, with no matching arrival, it is GONE
 */
public record PendingRemoval(String account, KnownMessage message, Instant removedAt, Instant lastSeenAt, long decideAtMs) {
}
