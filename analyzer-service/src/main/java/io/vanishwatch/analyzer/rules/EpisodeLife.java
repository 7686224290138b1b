package io.vanishwatch.analyzer.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;

/**
 * The life every pattern's alert shares: FIRING once when the threshold is crossed (unless held back by a dominant
 * pattern, then once it is no longer held); UPDATED as the count grows, at a bounded rate — when it has doubled since
 * last said, or grew and {@code updateInterval} passed; RESOLVED once, with the totals, and only if FIRING went out.
 */
public final class EpisodeLife {

    /** The most disappearances an episode keeps as evidence; {@link Alert#count()} still counts them all. */
    public static final int MAX_EVIDENCE = 25;

    private static final Comparator<Disappearance> BY_REMOVAL = Comparator.comparing(Disappearance::removedAt);

    /** An alert and the event time it is stamped with. */
    public record Emitted(Alert alert, Instant at) {
    }

    /**
     * The episode after a step (null when nothing is left to follow), and what the step emits, in order.
     */
    public record Step(Episode episode, List<Emitted> emitted) {

        public Step {
            emitted = List.copyOf(emitted);
        }

        public static Step unchanged(Episode episode) {
            return new Step(episode, List.of());
        }

        /** The alerts alone, in order. */
        public List<Alert> alerts() {
            return emitted.stream().map(Emitted::alert).toList();
        }

        /** This step with what an earlier step of the same record emitted put first. */
        Step after(List<Emitted> earlier) {
            if (earlier.isEmpty()) {
                return this;
            }
            List<Emitted> all = new ArrayList<>(earlier);
            all.addAll(emitted);
            return new Step(episode, all);
        }
    }

    private final PatternRule rule;
    private final Duration updateInterval;
    private final Duration correlationWindow;

    public EpisodeLife(PatternRule rule, Duration updateInterval, Duration correlationWindow) {
        this.rule = rule;
        this.updateInterval = updateInterval;
        this.correlationWindow = correlationWindow;
    }

    public PatternRule rule() {
        return rule;
    }

    /** The episode has just crossed its threshold at {@code at}: FIRING, or held back silently. */
    public Step fire(Episode crossed, Instant at, boolean held) {
        Episode firing = crossed.withFiring(true, held);
        if (held) {
            return Step.unchanged(firing);
        }
        return announce(firing, at, Alert.Status.FIRING);
    }

    /**
     * A firing episode grew, or time passed: a held episode no longer held fires now; an announced one is UPDATED
     * when its count doubled since last said, or grew and the update interval passed.
     */
    public Step grew(Episode episode, Instant at, boolean held) {
        if (held) {
            return Step.unchanged(episode);
        }
        if (episode.held() || episode.notifiedCount() == 0) {
            return announce(episode.withFiring(true, false), at, Alert.Status.FIRING);
        }
        if (episode.count() <= episode.notifiedCount()) {
            return Step.unchanged(episode);
        }
        if (episode.count() >= 2 * episode.notifiedCount()) {
            return announce(episode, at, Alert.Status.UPDATED);
        }
        Instant due = episode.notifiedAt() == null ? at : episode.notifiedAt().plus(updateInterval);
        // stamped with when it fell due, not with whichever tick noticed: the same input gives the same records
        return at.isBefore(due) ? Step.unchanged(episode)
                : announce(episode, EpisodeLife.latest(due, episode.lastSeen()), Alert.Status.UPDATED);
    }

    /**
     * Event time moved on to {@code now}: a firing episode gives its due update or ends ({@link #tickFiring}); a run
     * that never fired is forgotten once its latest match is a window old.
     */
    public Step tick(Episode episode, Instant now, boolean held) {
        if (episode == null) {
            return Step.unchanged(null);
        }
        if (episode.firing()) {
            return tickFiring(episode, now, held);
        }
        return Duration.between(episode.lastSeen(), now).compareTo(rule.window()) >= 0
                ? Step.unchanged(null)
                : Step.unchanged(episode);
    }

    /**
     * Event time moved on to {@code now} for a firing episode: an update that fell due before it went quiet is said
     * first (stamped with when it fell due, so a backlog says it too), then the episode ends if it is a quiet period
     * old.
     */
    public Step tickFiring(Episode episode, Instant now, boolean held) {
        Instant quietSince = quietSince(episode);
        if (episode.held()) {
            // said by its dominant so far; said on its own only if it matches again once no longer held
            return quiet(episode, now) ? Step.unchanged(null) : Step.unchanged(episode);
        }
        Step update = grew(episode, now.isBefore(quietSince) ? now : quietSince, held);
        return quiet(update.episode(), now) ? end(update.episode(), quietSince).after(update.emitted()) : update;
    }

    /** The episode is over at {@code at}: RESOLVED with the totals if staff heard of it; nothing is left. */
    public Step end(Episode episode, Instant at) {
        if (!episode.announced()) {
            return Step.unchanged(null);
        }
        return new Step(null, List.of(new Emitted(AlertWording.resolved(rule, episode), at)));
    }

    /** A dominant pattern now explains this episode: RESOLVED saying so, if staff heard of it; nothing is left. */
    public Step coveredBy(Episode episode, Alert.Pattern dominant, Instant at) {
        if (!episode.announced()) {
            return Step.unchanged(null);
        }
        return new Step(null, List.of(new Emitted(AlertWording.covered(rule, episode, dominant), at)));
    }

    /** Whether a firing episode's latest match is a quiet period old at {@code now}. */
    public boolean quiet(Episode episode, Instant now) {
        return !Duration.between(episode.lastSeen(), now).minus(rule.quietPeriod()).isNegative();
    }

    /** Whether a match at {@code at} comes a quiet period after the firing episode's latest: a new episode. */
    public boolean gapEndsEpisode(Episode episode, Instant at) {
        return Duration.between(episode.lastSeen(), at).compareTo(rule.quietPeriod()) > 0;
    }

    /** When a firing episode went quiet: its latest match plus the quiet period. */
    public Instant quietSince(Episode episode) {
        return episode.lastSeen().plus(rule.quietPeriod());
    }

    private Step announce(Episode episode, Instant at, Alert.Status status) {
        Episode said = episode.withNotified(episode.count(), at);
        return new Step(said, List.of(new Emitted(AlertWording.of(rule, said, status, correlationWindow), at)));
    }

    /** The evidence plus one, in removal order, the latest {@link #MAX_EVIDENCE}. */
    public static List<Disappearance> append(List<Disappearance> evidence, Disappearance d) {
        List<Disappearance> all = new ArrayList<>(evidence);
        all.add(d);
        all.sort(BY_REMOVAL);
        return all.size() <= MAX_EVIDENCE ? all : List.copyOf(all.subList(all.size() - MAX_EVIDENCE, all.size()));
    }

    public static Instant latest(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
