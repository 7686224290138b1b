package io.vanishwatch.analyzer.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * NEW_DEVICE: a client name or address the account's server log had not shown before (after its learning period)
 * used the account. Information: a new phone, or someone else with the password. Fires on the first, grows with
 * further ones, ends a quiet period after the latest.
 */
public final class NewDeviceTracker implements PatternTracker {

    private final PatternRule rule;
    private final EpisodeLife life;

    public NewDeviceTracker(PatternRule rule, Duration correlationWindow, Duration updateInterval) {
        this.rule = rule;
        this.life = new EpisodeLife(rule, updateInterval, correlationWindow);
    }

    @Override
    public PatternRule rule() {
        return rule;
    }

    @Override
    public EpisodeLife.Step onDeviceActivity(Episode current, DeviceActivity activity, boolean held) {
        if (!activity.newDevice()) {
            return EpisodeLife.Step.unchanged(current);
        }
        Instant at = activity.record().at();
        String device = DeviceTally.deviceOf(activity.record());
        List<EpisodeLife.Emitted> before = List.of();
        Episode episode = current;
        if (episode != null && episode.firing() && life.gapEndsEpisode(episode, at)) {
            before = life.tickFiring(episode, at, held).emitted();
            episode = null;
        }
        if (episode == null) {
            Episode first = Episode.gathering(rule.pattern(), activity.record().account(), at, at, 1, List.of(), List.of())
                    .withDevices(DeviceTally.add(Map.of(), device));
            return life.fire(first, at, held).after(before);
        }
        Episode grown = episode.withMatches(episode.firstSeen(), EpisodeLife.latest(episode.lastSeen(), at),
                episode.count() + 1, List.of(), List.of()).withDevices(DeviceTally.add(episode.devices(), device));
        return life.grew(grown, at, held).after(before);
    }

    @Override
    public EpisodeLife.Step onTick(Episode episode, Instant now, boolean held) {
        return life.tick(episode, now, held);
    }
}
