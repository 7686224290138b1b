package io.vanishwatch.analyzer.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.ServerLogEvent;

/**
 * LOGIN_FAILURES: the mail server refuses logins to the account, {@code minCount} within the window, from the devices
 * counted in the episode — after a password change, every device still using the old one. Fires on the failure that
 * crosses the threshold, grows with every later one, ends a quiet period after the latest.
 *
 * <p>Before firing only the failures' times are kept (at most {@code minCount}); the per-device counts of a run may
 * still include a failure that fell out of the sliding window.
 */
public final class LoginFailureTracker implements PatternTracker {

    private final PatternRule rule;
    private final EpisodeLife life;

    public LoginFailureTracker(PatternRule rule, Duration correlationWindow, Duration updateInterval) {
        this.rule = rule;
        this.life = new EpisodeLife(rule, updateInterval, correlationWindow);
    }

    @Override
    public PatternRule rule() {
        return rule;
    }

    @Override
    public EpisodeLife.Step onDeviceActivity(Episode current, DeviceActivity activity, boolean held) {
        ServerLogEvent failed = activity.record();
        if (failed.action() != ServerLogEvent.Action.LOGIN_FAILED) {
            return EpisodeLife.Step.unchanged(current);
        }
        Instant at = failed.at();
        String device = DeviceTally.deviceOf(failed);
        List<EpisodeLife.Emitted> before = List.of();
        Episode episode = current;
        if (episode != null && episode.firing() && life.gapEndsEpisode(episode, at)) {
            before = life.tickFiring(episode, at, held).emitted();
            episode = null;
        }
        if (episode != null && episode.firing()) {
            Episode grown = episode.withMatches(episode.firstSeen(), EpisodeLife.latest(episode.lastSeen(), at),
                    episode.count() + 1, List.of(), List.of())
                    .withDevices(DeviceTally.add(episode.devices(), device)).withFacts(withReason(episode.facts(), failed));
            return life.grew(grown, at, held).after(before);
        }
        List<Instant> times = new ArrayList<>(episode == null ? List.of() : episode.matchTimes());
        times.add(at);
        times.sort(Instant::compareTo);
        Instant oldestAllowed = times.get(times.size() - 1).minus(rule.window());
        times.removeIf(time -> time.isBefore(oldestAllowed));
        Map<String, Integer> devices = times.size() == 1 || episode == null
                ? DeviceTally.add(Map.of(), device) : DeviceTally.add(episode.devices(), device);
        Episode gathered = Episode.gathering(rule.pattern(), failed.account(), times.get(0), times.get(times.size() - 1),
                        times.size(), List.of(), times)
                .withDevices(devices).withFacts(withReason(episode == null ? Map.of() : episode.facts(), failed));
        if (times.size() >= rule.minCount()) {
            return life.fire(gathered, at, held).after(before);
        }
        return new EpisodeLife.Step(gathered, before);
    }

    @Override
    public EpisodeLife.Step onTick(Episode episode, Instant now, boolean held) {
        return life.tick(episode, now, held);
    }

    private static Map<String, String> withReason(Map<String, String> facts, ServerLogEvent failed) {
        if (failed.reason() == null || failed.reason().isBlank()) {
            return facts;
        }
        Map<String, String> next = new HashMap<>(facts);
        next.put(Alert.FACT_REASON, failed.reason());
        return next;
    }
}
