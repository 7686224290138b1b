package io.vanishwatch.analyzer.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.MailboxEvent;

/**
 * WATCHER_BLIND: the watch cannot read the account — login refused, server unreachable, TLS failing. Said once the
 * blindness has lasted the grace period (so a restart or a short outage stays quiet), kept up to date with the latest
 * reason, and resolved the moment the watch sees again. A blind watch outranks every other pattern of the account.
 */
public final class BlindTracker implements PatternTracker {

    private final PatternRule rule;
    private final EpisodeLife life;

    public BlindTracker(PatternRule rule, Duration correlationWindow, Duration updateInterval) {
        this.rule = rule;
        this.life = new EpisodeLife(rule, updateInterval, correlationWindow);
    }

    @Override
    public PatternRule rule() {
        return rule;
    }

    @Override
    public EpisodeLife.Step onEvent(Episode current, MailboxEvent event, boolean held) {
        if (event.type() != MailboxEvent.Type.WATCH_STATE || event.watchState() == null) {
            return EpisodeLife.Step.unchanged(current);
        }
        Instant at = event.observedAt();
        if (event.watchState() == MailboxEvent.WatchState.CONNECTED) {
            if (current == null || !current.firing()) {
                return EpisodeLife.Step.unchanged(null);
            }
            Episode back = current.withMatches(current.firstSeen(), at, current.count(), List.of(), List.of());
            return life.end(back, at);
        }
        Map<String, String> facts = new HashMap<>(current == null ? Map.of() : current.facts());
        facts.put(Alert.FACT_WATCH_STATE, event.watchState().name());
        if (event.reason() != null) {
            facts.put(Alert.FACT_REASON, event.reason());
        } else {
            facts.remove(Alert.FACT_REASON);
        }
        Episode blind = current != null
                ? current.withFacts(facts)
                : Episode.gathering(rule.pattern(), event.account(), at, at, 1, List.of(), List.of())
                        .withFacts(withSince(facts, at));
        return onTick(blind, at, held);
    }

    /** Fires once the blindness is a grace period old, stamped with the moment it became so. */
    @Override
    public EpisodeLife.Step onTick(Episode episode, Instant now, boolean held) {
        if (episode == null || episode.firing()) {
            return EpisodeLife.Step.unchanged(episode);
        }
        Instant due = episode.firstSeen().plus(rule.grace());
        return now.isBefore(due) ? EpisodeLife.Step.unchanged(episode) : life.fire(episode, due, false);
    }

    private static Map<String, String> withSince(Map<String, String> facts, Instant since) {
        Map<String, String> next = new HashMap<>(facts);
        next.put(Alert.FACT_BLIND_SINCE, since.toString());
        return next;
    }
}
