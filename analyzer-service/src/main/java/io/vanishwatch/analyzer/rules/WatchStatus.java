package io.vanishwatch.analyzer.rules;

import java.time.Instant;

import io.vanishwatch.events.MailboxEvent;

/**
 * The latest state of an account's watch, kept so that evidence missing while the collector cannot see the mailbox is
 * never taken for evidence that a message is gone.
 *
 * @param since when the watch entered this state: the observedAt of the event that changed it
 */
public record WatchStatus(MailboxEvent.WatchState state, Instant since, String reason) {

    /**
     * The status after a WATCH_STATE event. A repeated state (the collector republishes it after a restart) changes
     * nothing, so {@code since} stays the time the state was entered.
     */
    public static WatchStatus after(WatchStatus current, MailboxEvent watchEvent) {
        if (current != null && current.state() == watchEvent.watchState()) {
            return current;
        }
        return new WatchStatus(watchEvent.watchState(), watchEvent.observedAt(), watchEvent.reason());
    }

    /** Whether the collector cannot read the account now (auth failed, unreachable, TLS failed). */
    public boolean blind() {
        return state != MailboxEvent.WatchState.CONNECTED;
    }
}
