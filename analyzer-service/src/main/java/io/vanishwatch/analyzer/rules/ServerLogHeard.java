package io.vanishwatch.analyzer.rules;

import java.time.Instant;

/** When an account's server log was first and last heard from (event time). */
public record ServerLogHeard(Instant first, Instant last) {

    /** After a record at {@code at}. */
    public static ServerLogHeard after(ServerLogHeard before, Instant at) {
        if (before == null) {
            return new ServerLogHeard(at, at);
        }
        return new ServerLogHeard(at.isBefore(before.first()) ? at : before.first(),
                at.isAfter(before.last()) ? at : before.last());
    }
}
