package io.vanishwatch.analyzer.rules;

import java.time.Instant;

import io.vanishwatch.events.Disappearance;

/**
 * A disappearance of an account with a server log, held back briefly for the server's record of its expunge, which
 * may come after it.
 *
 * @param disappearance      the disappearance as the correlator explained it, not attributed yet
 * @param dueAt              the event time at which it goes on without its record ({@code removedAt + wait})
 * @param waitingSinceWallMs the wall-clock time it started waiting, for the wall-clock wait once caught up
 */
public record PendingAttribution(Disappearance disappearance, Instant dueAt, long waitingSinceWallMs) {
}
