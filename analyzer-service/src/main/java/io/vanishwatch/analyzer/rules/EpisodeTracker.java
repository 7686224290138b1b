package io.vanishwatch.analyzer.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;

/**
 * The count patterns — CLIENT_MOVES_TO_LOCAL, MOVED_TO_JUNK, MOVED_TO_FOLDER, DELETED_UNREAD, MASS_REMOVAL: an
 * episode fires on the disappearance that brings the sliding window to {@code minCount}, grows with every later
 * match, and ends a quiet period after the latest. Before firing it keeps only the matches' times (at most
 * {@code minCount}) and the latest evidence, so a removal of ten thousand messages costs the same per message.
 */
public final class EpisodeTracker implements PatternTracker {

    /** Said at most this often while growing (unless the count doubles), when no interval is given. */
    public static final Duration DEFAULT_UPDATE_INTERVAL = Duration.ofMinutes(5);

    /** MASS_REMOVAL: the longest any removed message had been in its folder (ISO-8601 duration). */
    public static final String FACT_OLDEST = "oldest";
    /** MASS_REMOVAL: how many of the removed messages went to Trash rather than off the server. */
    public static final String FACT_TO_TRASH = "movedToTrash";
    private static final int MAX_FOLDERS = 10;

    private final PatternRule rule;
    private final EpisodeLife life;

    /** @param correlationWindow the window removals without a verdict were correlated in, for the alert's words */
    public EpisodeTracker(PatternRule rule, Duration correlationWindow) {
        this(rule, correlationWindow, DEFAULT_UPDATE_INTERVAL);
    }

    public EpisodeTracker(PatternRule rule, Duration correlationWindow, Duration updateInterval) {
        this.rule = rule;
        this.life = new EpisodeLife(rule, updateInterval, correlationWindow);
    }

    @Override
    public PatternRule rule() {
        return rule;
    }

    /** One more disappearance, nothing held back. */
    public EpisodeLife.Step onDisappearance(Episode current, Disappearance d) {
        return onDisappearance(current, d, false);
    }

    /** One more disappearance: a match that crosses the threshold fires; one after a quiet gap starts anew. */
    @Override
    public EpisodeLife.Step onDisappearance(Episode current, Disappearance d, boolean held) {
        if (!rule.counts(d)) {
            return EpisodeLife.Step.unchanged(current);
        }
        List<EpisodeLife.Emitted> before = List.of();
        Episode episode = current;
        if (episode != null && episode.firing() && life.gapEndsEpisode(episode, d.removedAt())) {
            before = life.tickFiring(episode, d.removedAt(), held).emitted();
            episode = null;
        }
        if (episode != null && episode.firing()) {
            Episode grown = episode.withMatches(episode.firstSeen(), EpisodeLife.latest(episode.lastSeen(), d.removedAt()),
                    episode.count() + 1, EpisodeLife.append(episode.evidence(), d), List.of())
                    .withDevices(DeviceTally.add(episode.devices(), d));
            return life.grew(tallied(grown, d), d.removedAt(), held).after(before);
        }
        List<Instant> times = withinWindow(episode == null ? List.of() : episode.matchTimes(), d.removedAt());
        List<Disappearance> evidence = EpisodeLife.append(episode == null ? List.of() : episode.evidence(), d);
        evidence = evidence.stream().filter(e -> !e.removedAt().isBefore(times.get(0))).toList();
        Instant lastSeen = times.get(times.size() - 1);
        Map<String, Integer> devices = DeviceTally.add(episode == null ? Map.of() : episode.devices(), d);
        Episode gathered = tallied(Episode.gathering(rule.pattern(), d.account(), times.get(0), lastSeen, times.size(),
                evidence, times).withFacts(episode == null ? Map.of() : episode.facts())
                .withDevices(DeviceTally.ofRun(devices, evidence, times.get(0), times.size())), d);
        if (times.size() >= rule.minCount()) {
            return life.fire(gathered, d.removedAt(), held).after(before);
        }
        return new EpisodeLife.Step(gathered, before);
    }

    /** Event time moved on: a firing episode a quiet period old ends; stale candidates go; updates fall due. */
    public EpisodeLife.Step onTick(Episode episode, Instant now) {
        return onTick(episode, now, false);
    }

    @Override
    public EpisodeLife.Step onTick(Episode episode, Instant now, boolean held) {
        return life.tick(episode, now, held);
    }

    /**
     * A mass removal's evidence keeps only the latest messages; what the whole episode took — the oldest message,
     * the folders, how many went to Trash — is tallied in its facts, so the alert describes all of it.
     */
    private Episode tallied(Episode episode, Disappearance d) {
        if (rule.pattern() != Alert.Pattern.MASS_REMOVAL) {
            return episode;
        }
        Map<String, String> facts = new HashMap<>(episode.facts());
        if (d.dwellTime() != null) {
            Duration oldest = Optional.ofNullable(facts.get(FACT_OLDEST)).map(Duration::parse).orElse(Duration.ZERO);
            if (d.dwellTime().compareTo(oldest) > 0) {
                facts.put(FACT_OLDEST, d.dwellTime().toString());
            }
        }
        Set<String> folders = new LinkedHashSet<>(List.of(facts.getOrDefault(Alert.FACT_FOLDER, "").split(", ")));
        folders.remove("");
        if (folders.size() < MAX_FOLDERS) {
            folders.add(d.folder());
        }
        facts.put(Alert.FACT_FOLDER, String.join(", ", folders));
        if (d.destination() == Disappearance.Destination.MOVED) {
            facts.merge(FACT_TO_TRASH, "1", (a, b) -> String.valueOf(Integer.parseInt(a) + 1));
        }
        return episode.withFacts(facts);
    }

    /** The candidates' times plus the new one, in order, without those that fell out of the sliding window. */
    private List<Instant> withinWindow(List<Instant> earlier, Instant at) {
        List<Instant> all = new ArrayList<>(earlier);
        all.add(at);
        all.sort(Instant::compareTo);
        Instant oldestAllowed = all.get(all.size() - 1).minus(rule.window());
        all.removeIf(time -> time.isBefore(oldestAllowed));
        return all;
    }
}
