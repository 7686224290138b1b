package io.vanishwatch.collector.watch;

import java.time.Instant;

/** Where one account's watch stands, for health checks: its state, why, and since when. */
public record WatchStatus(State state, String folder, String reason, Instant since) {

    /** The watch's state; only CONNECTED means the account is being followed right now. */
    public enum State { STARTING, CONNECTED, DISCONNECTED, AUTH_FAILED, UNREACHABLE, TLS_FAILED, STOPPED }
}
