package io.vanishwatch.analyzer.rules;

import java.time.Instant;
import java.util.List;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;

/**
 * One account's run of matching disappearances for one pattern: candidates in the sliding window until the
 * threshold is crossed, then a firing episode until a quiet period passes.
 *
 * @param firstSeen     once firing, the removal time of the episode's first disappearance (fixed for the episode)
 * @param lastSeen      the latest removal time among the matches; the quiet period runs from it, in event time
 * @param count         matches in the episode (all of them, even where the evidence list is capped)
 * @param evidence      before firing: the candidates inside the window; once firing: the episode's disappearances
 */
public record Episode(
        Alert.Pattern pattern,
        String account,
        boolean firing,
        Instant firstSeen,
        Instant lastSeen,
        int count,
        List<Disappearance> evidence) {

    public Episode {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
}
