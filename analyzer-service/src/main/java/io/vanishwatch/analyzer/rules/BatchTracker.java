package io.vanishwatch.analyzer.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MailboxEvent;

/**
 * DOWNLOAD_AND_DELETE: a device set to "remove from server after retrieval" takes nearly every new message, read or
 * not, in a batch each time it checks mail. Removals are grouped into batches; the pattern fires when the latest
 * {@code minCount} batches start at a near-fixed interval (reported) and took nearly everything that arrived between
 * them; it grows with every later batch and ends a quiet period after the latest removal.
 */
public final class BatchTracker implements PatternTracker {

    /** Batches kept per episode; the shape is read from the latest {@code minCount}. */
    private static final int MAX_BATCHES = 12;

    private final PatternRule rule;
    private final BatchShape shape;
    private final EpisodeLife life;

    public BatchTracker(PatternRule rule, BatchShape shape, Duration correlationWindow, Duration updateInterval) {
        this.rule = rule;
        this.shape = shape;
        this.life = new EpisodeLife(rule, updateInterval, correlationWindow);
    }

    @Override
    public PatternRule rule() {
        return rule;
    }

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
        if (episode == null) {
            episode = Episode.gathering(rule.pattern(), d.account(), d.removedAt(), d.removedAt(), 0, List.of(), List.of());
        }
        List<Episode.Batch> batches = new ArrayList<>(episode.batches());
        int arrivals = episode.arrivals();
        Episode.Batch last = batches.isEmpty() ? null : batches.get(batches.size() - 1);
        if (last != null && Duration.between(last.end(), d.removedAt()).compareTo(shape.batchGap()) <= 0) {
            batches.set(batches.size() - 1, new Episode.Batch(last.start(), EpisodeLife.latest(last.end(), d.removedAt()),
                    last.count() + 1, last.arrivalsBefore()));
        } else {
            batches.add(new Episode.Batch(d.removedAt(), d.removedAt(), 1, arrivals));
            arrivals = 0;
        }
        Instant oldestStart = d.removedAt().minus(rule.window());
        batches.removeIf(batch -> batch.end().isBefore(oldestStart));
        if (batches.size() > MAX_BATCHES) {
            batches = new ArrayList<>(batches.subList(batches.size() - MAX_BATCHES, batches.size()));
        }
        Instant lastSeen = EpisodeLife.latest(episode.lastSeen(), d.removedAt());
        List<Disappearance> evidence = EpisodeLife.append(episode.evidence(), d);
        if (episode.firing()) {
            Episode grown = episode.withMatches(episode.firstSeen(), lastSeen, episode.count() + 1, evidence, List.of())
                    .withBatches(batches, arrivals).withDevices(DeviceTally.add(episode.devices(), d));
            Optional<Duration> interval = shape.regularInterval(batches, rule.minCount(), evidence);
            if (interval.isPresent()) {
                grown = grown.withFacts(withInterval(grown.facts(), interval.get()));
            }
            return life.grew(grown, d.removedAt(), held).after(before);
        }
        int inBatches = batches.stream().mapToInt(Episode.Batch::count).sum();
        Map<String, Integer> devices = DeviceTally.add(episode.devices(), d);
        Episode gathered = episode.withMatches(batches.get(0).start(), lastSeen, inBatches, evidence, List.of())
                .withBatches(batches, arrivals)
                .withDevices(DeviceTally.ofRun(devices, evidence, batches.get(0).start(), inBatches));
        Optional<Duration> interval = shape.regularInterval(batches, rule.minCount(), evidence);
        if (interval.isEmpty()) {
            return new EpisodeLife.Step(gathered, before);
        }
        List<Episode.Batch> pattern = batches.subList(batches.size() - rule.minCount(), batches.size());
        int crossedCount = pattern.stream().mapToInt(Episode.Batch::count).sum();
        Episode crossed = gathered.withMatches(pattern.get(0).start(), lastSeen, crossedCount, evidence, List.of())
                .withFacts(withInterval(gathered.facts(), interval.get()))
                .withDevices(DeviceTally.ofRun(devices, evidence, pattern.get(0).start(), crossedCount));
        return life.fire(crossed, d.removedAt(), held).after(before);
    }

    /** Counts INBOX arrivals while an episode is open, to tell "nearly every arrival" from "some". */
    @Override
    public EpisodeLife.Step onEvent(Episode current, MailboxEvent event, boolean held) {
        if (current == null || event.type() != MailboxEvent.Type.ARRIVED || event.folderRole() != FolderRole.INBOX) {
            return EpisodeLife.Step.unchanged(current);
        }
        return EpisodeLife.Step.unchanged(current.withBatches(current.batches(), current.arrivals() + 1));
    }

    @Override
    public EpisodeLife.Step onTick(Episode episode, Instant now, boolean held) {
        return life.tick(episode, now, held);
    }

    private static Map<String, String> withInterval(Map<String, String> facts, Duration interval) {
        Map<String, String> next = new HashMap<>(facts);
        next.put(Alert.FACT_INTERVAL, interval.toString());
        return next;
    }
}
