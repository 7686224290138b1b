package io.vanishwatch.analyzer.rules;

import java.time.Instant;

import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.MailboxEvent;

/**
 * Follows one pattern on one account: each step takes the episode as stored and returns it as it is to be stored,
 * with the alerts to emit. Pure: no store, no clock.
 *
 * <p>{@code held} says whether a dominant pattern of the same account is firing (see {@link Precedence}): a held
 * episode is followed as usual, but says nothing until it is no longer held.
 */
public interface PatternTracker {

    PatternRule rule();

    /** One more disappearance of the account. */
    default EpisodeLife.Step onDisappearance(Episode current, Disappearance d, boolean held) {
        return EpisodeLife.Step.unchanged(current);
    }

    /** One more mailbox event of the account (arrivals in INBOX, resets, watch states). */
    default EpisodeLife.Step onEvent(Episode current, MailboxEvent event, boolean held) {
        return EpisodeLife.Step.unchanged(current);
    }

    /** A failed login, or a client name or address new on the account (the server log). */
    default EpisodeLife.Step onDeviceActivity(Episode current, DeviceActivity activity, boolean held) {
        return EpisodeLife.Step.unchanged(current);
    }

    /** Event time moved on to {@code now}. */
    EpisodeLife.Step onTick(Episode current, Instant now, boolean held);
}
