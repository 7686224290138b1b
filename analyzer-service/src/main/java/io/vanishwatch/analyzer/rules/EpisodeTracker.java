package io.vanishwatch.analyzer.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;

/**
 * Decides, for one pattern of one account, when an episode starts firing (on the disappearance that crosses the
 * threshold), when it fires again with a higher count, and when it ends.
 */
public final class EpisodeTracker {

    /** The most disappearances an alert carries as evidence; {@link Alert#count()} still counts them all. */
    public static final int MAX_EVIDENCE = 50;

    private static final Comparator<Disappearance> BY_REMOVAL = Comparator.comparing(Disappearance::removedAt);

    /**
     * The episode after a step, and the alerts the step emits, in order.
     *
     * @param episode null when there is nothing left to track
     */
    public record Step(Episode episode, List<Alert> alerts) {
        public Step {
            alerts = List.copyOf(alerts);
        }
    }

    private final PatternRule rule;
    private final Duration correlationWindow;

    /** @param correlationWindow the window removals without a verdict were correlated in, for the alert's words */
    public EpisodeTracker(PatternRule rule, Duration correlationWindow) {
        this.rule = rule;
        this.correlationWindow = correlationWindow;
    }

    public PatternRule rule() {
        return rule;
    }

    /**
     * One more disappearance of the account. One that does not count leaves everything as it was. One that does
     * fires the alert when it brings the window to {@code minCount}, and re-fires a firing episode with the higher
     * count (same firstSeen). A match after a quiet gap in removal times (a backlog caught up) first resolves the old
     * episode.
     */
    public Step onDisappearance(Episode current, Disappearance d) {
        if (!rule.counts(d)) {
            return new Step(current, List.of());
        }
        List<Alert> alerts = new ArrayList<>();
        Episode episode = current;
        if (episode != null && episode.firing() && gapExceedsQuietPeriod(episode.lastSeen(), d.removedAt())) {
            alerts.add(resolved(episode));
            episode = null;
        }
        if (episode != null && episode.firing()) {
            Episode next = firingEpisode(episode.firstSeen(), latest(episode.lastSeen(), d.removedAt()),
                    episode.count() + 1, append(episode.evidence(), d), d.account());
            alerts.add(AlertWording.firing(rule, next, correlationWindow));
            return new Step(next, alerts);
        }
        List<Disappearance> candidates = withinWindow(episode == null ? List.of() : episode.evidence(), d);
        Instant lastSeen = candidates.get(candidates.size() - 1).removedAt();
        if (candidates.size() >= rule.minCount()) {
            Episode next = firingEpisode(candidates.get(0).removedAt(), lastSeen, candidates.size(), candidates,
                    d.account());
            alerts.add(AlertWording.firing(rule, next, correlationWindow));
            return new Step(next, alerts);
        }
        Episode gathering = new Episode(rule.pattern(), d.account(), false, candidates.get(0).removedAt(), lastSeen,
                candidates.size(), candidates);
        return new Step(gathering, alerts);
    }

    /**
     * Event time moved on to {@code now}: a firing episode whose latest match is a quiet period old ends (RESOLVED);
     * candidates that never reached the threshold are forgotten once their latest is a window old.
     */
    public Step onTick(Episode episode, Instant now) {
        if (episode == null) {
            return new Step(null, List.of());
        }
        Duration idle = Duration.between(episode.lastSeen(), now);
        if (episode.firing()) {
            return idle.compareTo(rule.quietPeriod()) >= 0
                    ? new Step(null, List.of(resolved(episode)))
                    : new Step(episode, List.of());
        }
        return idle.compareTo(rule.window()) >= 0 ? new Step(null, List.of()) : new Step(episode, List.of());
    }

    private boolean gapExceedsQuietPeriod(Instant lastSeen, Instant removedAt) {
        return Duration.between(lastSeen, removedAt).compareTo(rule.quietPeriod()) > 0;
    }

    private Alert resolved(Episode episode) {
        return AlertWording.resolved(rule, episode);
    }

    private Episode firingEpisode(Instant firstSeen, Instant lastSeen, int count, List<Disappearance> evidence,
                                  String account) {
        return new Episode(rule.pattern(), account, true, firstSeen, lastSeen, count, evidence);
    }

    /** The candidates plus the new one, in removal order, without those that fell out of the sliding window. */
    private List<Disappearance> withinWindow(List<Disappearance> earlier, Disappearance d) {
        List<Disappearance> all = new ArrayList<>(earlier);
        all.add(d);
        all.sort(BY_REMOVAL);
        Instant newest = all.get(all.size() - 1).removedAt();
        Instant oldestAllowed = newest.minus(rule.window());
        all.removeIf(candidate -> candidate.removedAt().isBefore(oldestAllowed));
        return all;
    }

    private static List<Disappearance> append(List<Disappearance> evidence, Disappearance d) {
        List<Disappearance> all = new ArrayList<>(evidence);
        all.add(d);
        all.sort(BY_REMOVAL);
        return all.size() <= MAX_EVIDENCE ? all : all.subList(all.size() - MAX_EVIDENCE, all.size());
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
