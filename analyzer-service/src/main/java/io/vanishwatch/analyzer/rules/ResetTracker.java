package io.vanishwatch.analyzer.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.MailboxEvent;

/**
 * MAILBOX_RESET: the server rebuilt a folder (its UIDVALIDITY changed). Nothing was deleted — the collector reports
 * the new generation as a new baseline — but staff should know why every UID changed: information, never an alarm.
 * Fires on the first reset, grows with further ones, ends a quiet period after the latest.
 */
public final class ResetTracker implements PatternTracker {

    /** Folders named in the facts at most; more are counted. */
    private static final int MAX_FOLDERS = 10;

    private final PatternRule rule;
    private final EpisodeLife life;

    public ResetTracker(PatternRule rule, Duration correlationWindow, Duration updateInterval) {
        this.rule = rule;
        this.life = new EpisodeLife(rule, updateInterval, correlationWindow);
    }

    @Override
    public PatternRule rule() {
        return rule;
    }

    @Override
    public EpisodeLife.Step onEvent(Episode current, MailboxEvent event, boolean held) {
        if (event.type() != MailboxEvent.Type.UIDVALIDITY_CHANGED) {
            return EpisodeLife.Step.unchanged(current);
        }
        Instant at = event.observedAt();
        List<EpisodeLife.Emitted> before = List.of();
        Episode episode = current;
        if (episode != null && episode.firing() && life.gapEndsEpisode(episode, at)) {
            before = life.tickFiring(episode, at, held).emitted();
            episode = null;
        }
        if (episode == null) {
            Episode first = Episode.gathering(rule.pattern(), event.account(), at, at, 1, List.of(), List.of())
                    .withFacts(Map.of(Alert.FACT_FOLDER, event.folder()));
            return life.fire(first, at, held).after(before);
        }
        Set<String> folders = new LinkedHashSet<>(List.of(episode.facts().getOrDefault(Alert.FACT_FOLDER, "").split(", ")));
        folders.remove("");
        if (folders.size() < MAX_FOLDERS) {
            folders.add(event.folder());
        }
        Episode grown = episode.withMatches(episode.firstSeen(), EpisodeLife.latest(episode.lastSeen(), at),
                episode.count() + 1, List.of(), List.of()).withFacts(Map.of(Alert.FACT_FOLDER, String.join(", ", folders)));
        return life.grew(grown, at, held).after(before);
    }

    @Override
    public EpisodeLife.Step onTick(Episode episode, Instant now, boolean held) {
        return life.tick(episode, now, held);
    }
}
