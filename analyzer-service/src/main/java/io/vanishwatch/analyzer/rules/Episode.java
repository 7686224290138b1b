package io.vanishwatch.analyzer.rules;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;

/**
 * One account's run of one pattern: candidates in the sliding window until the threshold is crossed, then a firing
 * episode until a quiet period passes (or, for a blind watch, until it sees again). Every list is bounded, so an
 * episode costs the same to read and write at its ten-thousandth match as at its first.
 *
 * @param firstSeen     once firing, the time of the episode's first match (fixed for the episode, across restarts)
 * @param lastSeen      the latest match; the quiet period runs from it, in event time
 * @param count         matches in the episode (all of them, even where the evidence is capped)
 * @param evidence      the latest disappearances, at most {@link EpisodeLife#MAX_EVIDENCE}
 * @param matchTimes    before firing: the times of the candidates inside the window (at most the threshold)
 * @param notifiedCount the count the latest FIRING or UPDATED said; 0 while nothing was said
 * @param notifiedAt    when that was said (event time)
 * @param held          firing, but held back by a dominant pattern of the same account: nothing said yet
 * @param facts         what the pattern found beyond messages (see {@link Alert#facts()})
 * @param batches       DOWNLOAD_AND_DELETE: the latest batches of removals
 * @param arrivals      DOWNLOAD_AND_DELETE: INBOX arrivals since the latest batch started
 * @param devices       how many of the episode's removals each device made, as the server's records name it
 *                      ({@link DeviceTally}: bounded)
 */
public record Episode(
        Alert.Pattern pattern,
        String account,
        boolean firing,
        Instant firstSeen,
        Instant lastSeen,
        int count,
        List<Disappearance> evidence,
        List<Instant> matchTimes,
        int notifiedCount,
        Instant notifiedAt,
        boolean held,
        Map<String, String> facts,
        List<Batch> batches,
        int arrivals,
        Map<String, Integer> devices) {

    /**
     * Removals close together in time, as a device that downloads and deletes makes them.
     *
     * @param arrivalsBefore INBOX arrivals between the previous batch's start and this one's
     */
    public record Batch(Instant start, Instant end, int count, int arrivalsBefore) {
    }

    public Episode {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        matchTimes = matchTimes == null ? List.of() : List.copyOf(matchTimes);
        facts = facts == null ? Map.of() : Map.copyOf(facts);
        batches = batches == null ? List.of() : List.copyOf(batches);
        devices = devices == null ? Map.of() : Map.copyOf(devices);
    }

    /** An episode without a device tally. */
    public Episode(Alert.Pattern pattern, String account, boolean firing, Instant firstSeen, Instant lastSeen, int count,
                   List<Disappearance> evidence, List<Instant> matchTimes, int notifiedCount, Instant notifiedAt,
                   boolean held, Map<String, String> facts, List<Batch> batches, int arrivals) {
        this(pattern, account, firing, firstSeen, lastSeen, count, evidence, matchTimes, notifiedCount, notifiedAt, held,
                facts, batches, arrivals, Map.of());
    }

    /** An episode with nothing said about it yet and no pattern-specific state. */
    public Episode(Alert.Pattern pattern, String account, boolean firing, Instant firstSeen, Instant lastSeen, int count,
                   List<Disappearance> evidence) {
        this(pattern, account, firing, firstSeen, lastSeen, count, evidence, List.of(), 0, null, false, Map.of(),
                List.of(), 0);
    }

    /** A run that has not fired yet. */
    public static Episode gathering(Alert.Pattern pattern, String account, Instant firstSeen, Instant lastSeen,
                                    int count, List<Disappearance> evidence, List<Instant> matchTimes) {
        return new Episode(pattern, account, false, firstSeen, lastSeen, count, evidence, matchTimes, 0, null, false,
                Map.of(), List.of(), 0);
    }

    /** Whether staff have heard of this episode (a FIRING went out). */
    public boolean announced() {
        return firing && !held && notifiedCount > 0;
    }

    public Episode withFiring(boolean newFiring, boolean newHeld) {
        return new Episode(pattern, account, newFiring, firstSeen, lastSeen, count, evidence, newFiring ? List.of() : matchTimes,
                notifiedCount, notifiedAt, newHeld, facts, batches, arrivals, devices);
    }

    public Episode withMatches(Instant newFirstSeen, Instant newLastSeen, int newCount, List<Disappearance> newEvidence,
                               List<Instant> newMatchTimes) {
        return new Episode(pattern, account, firing, newFirstSeen, newLastSeen, newCount, newEvidence, newMatchTimes,
                notifiedCount, notifiedAt, held, facts, batches, arrivals, devices);
    }

    public Episode withNotified(int newNotifiedCount, Instant newNotifiedAt) {
        return new Episode(pattern, account, firing, firstSeen, lastSeen, count, evidence, matchTimes, newNotifiedCount,
                newNotifiedAt, held, facts, batches, arrivals, devices);
    }

    public Episode withFacts(Map<String, String> newFacts) {
        return new Episode(pattern, account, firing, firstSeen, lastSeen, count, evidence, matchTimes, notifiedCount,
                notifiedAt, held, newFacts, batches, arrivals, devices);
    }

    public Episode withDevices(Map<String, Integer> newDevices) {
        return new Episode(pattern, account, firing, firstSeen, lastSeen, count, evidence, matchTimes, notifiedCount,
                notifiedAt, held, facts, batches, arrivals, newDevices);
    }

    public Episode withBatches(List<Batch> newBatches, int newArrivals) {
        return new Episode(pattern, account, firing, firstSeen, lastSeen, count, evidence, matchTimes, notifiedCount,
                notifiedAt, held, facts, newBatches, newArrivals, devices);
    }
}
