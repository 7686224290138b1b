package io.vanishwatch.analyzer.views;

import java.time.Instant;

import io.vanishwatch.events.MailboxEvent;

/**
 * What the analyzer knows of a watched account at a glance: whether the collector can read it (and since when, and
 * why not), and when anything was last seen on it.
 *
 * @param watchState null until the collector has reported the state of the watch
 * @param since      when the watch entered {@code watchState}
 * @param lastEventAt the newest observedAt of any event of the account
 */
public record AccountState(String account, MailboxEvent.WatchState watchState, String reason, Instant since,
                           Instant lastEventAt) {

    /**
     * The state after one more event. A WATCH_STATE repeating the current state (a collector restart republishes it)
     * keeps {@code since}; one older than the current state's {@code since} arrives late and changes nothing.
     */
    public static AccountState after(AccountState current, String account, MailboxEvent event, Instant at) {
        AccountState state = current == null ? new AccountState(account, null, null, null, at) : current;
        Instant lastEventAt = state.lastEventAt() == null || at.isAfter(state.lastEventAt()) ? at : state.lastEventAt();
        if (event.type() != MailboxEvent.Type.WATCH_STATE || event.watchState() == null
                || event.watchState() == state.watchState()
                || (state.since() != null && at.isBefore(state.since()))) {
            return new AccountState(account, state.watchState(), state.reason(), state.since(), lastEventAt);
        }
        return new AccountState(account, event.watchState(), event.reason(), at, lastEventAt);
    }
}
