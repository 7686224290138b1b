package io.vanishwatch.collector.watch;

import java.time.Instant;

/** Where one watch stands, for health checks: its state, why, and since when. */
public record WatchStatus(State state, String folder, String reason, Instant since) {

    /** The watch's state; only CONNECTED means the folder is being followed right now. */
    public enum State { STARTING, CONNECTED, DISCONNECTED, AUTH_FAILED, UNREACHABLE, TLS_FAILED, NOT_WATCHED, STOPPED }

    /** Whether this watch counts for readiness: a Junk/Trash folder the account does not have is not a watch. */
    public boolean counts() {
        return state != State.NOT_WATCHED;
    }
}
