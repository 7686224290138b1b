package io.vanishwatch.analyzer.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.vanishwatch.events.Disappearance;

/**
 * What makes removals the work of a device that downloads and deletes: batches (removals with less than
 * {@code batchGap} between them) that start at a near-fixed interval, and that take nearly every message that arrived
 * in between.
 *
 * @param batchGap          a longer pause between two removals starts a new batch
 * @param intervalTolerance how far (a share of the median) each interval may stray from the median
 * @param minRemovedShare   the share of INBOX arrivals the batches must take
 */
public record BatchShape(Duration batchGap, double intervalTolerance, double minRemovedShare) {

    public static final BatchShape DEFAULT = new BatchShape(Duration.ofMinutes(2), 0.25, 0.8);

    public BatchShape {
        if (batchGap == null || batchGap.isZero() || batchGap.isNegative()) {
            throw new IllegalArgumentException("batchGap must be a positive duration, was " + batchGap);
        }
        if (!(intervalTolerance > 0 && intervalTolerance < 1)) {
            throw new IllegalArgumentException("intervalTolerance must be between 0 and 1, was " + intervalTolerance);
        }
        if (!(minRemovedShare > 0 && minRemovedShare <= 1)) {
            throw new IllegalArgumentException("minRemovedShare must be above 0 and at most 1, was " + minRemovedShare);
        }
    }

    /**
     * The interval of the latest {@code count} batches (the newest may still be growing), if they are regular: each
     * start-to-start interval within the tolerance of their median, the median longer than a batch gap, the complete
     * batches after the first having taken at least {@code minRemovedShare} of what arrived before each — and the
     * removals keeping the device's own clock rather than following each arrival: some batch took several messages,
     * or the messages stayed for times that differ by more than the tolerance of the interval (a filter that reacts
     * to each new message within seconds is not a device that checks mail every few minutes).
     *
     * @param evidence the latest disappearances of the episode, for how long each stayed
     */
    public Optional<Duration> regularInterval(List<Episode.Batch> batches, int count, List<Disappearance> evidence) {
        Optional<Duration> interval = regularInterval(batches, count);
        if (interval.isEmpty()) {
            return interval;
        }
        List<Episode.Batch> latest = batches.subList(batches.size() - count, batches.size());
        if (latest.stream().anyMatch(batch -> batch.count() > 1)) {
            return interval;
        }
        Instant from = latest.get(0).start();
        List<Duration> dwells = evidence.stream().filter(d -> !d.removedAt().isBefore(from) && d.dwellTime() != null)
                .map(Disappearance::dwellTime).sorted().toList();
        if (dwells.size() < 2) {
            return Optional.empty();
        }
        long spreadMs = dwells.get(dwells.size() - 1).minus(dwells.get(0)).toMillis();
        return spreadMs > interval.get().toMillis() * intervalTolerance ? interval : Optional.empty();
    }

    private Optional<Duration> regularInterval(List<Episode.Batch> batches, int count) {
        if (count < 3 || batches.size() < count) {
            return Optional.empty();
        }
        List<Episode.Batch> latest = batches.subList(batches.size() - count, batches.size());
        List<Duration> intervals = new ArrayList<>();
        for (int i = 1; i < latest.size(); i++) {
            intervals.add(Duration.between(latest.get(i - 1).start(), latest.get(i).start()));
        }
        Duration median = median(intervals);
        if (median.compareTo(batchGap) <= 0) {
            return Optional.empty();
        }
        long allowedMs = (long) (median.toMillis() * intervalTolerance);
        boolean regular = intervals.stream().allMatch(i -> Math.abs(i.toMillis() - median.toMillis()) <= allowedMs);
        return regular && takesNearlyAll(latest.subList(1, latest.size() - 1)) ? Optional.of(median) : Optional.empty();
    }

    private boolean takesNearlyAll(List<Episode.Batch> complete) {
        long removed = complete.stream().mapToLong(Episode.Batch::count).sum();
        long arrived = complete.stream().mapToLong(b -> Math.max(b.arrivalsBefore(), b.count())).sum();
        return arrived > 0 && removed >= minRemovedShare * arrived;
    }

    private static Duration median(List<Duration> values) {
        List<Duration> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : sorted.get(mid - 1).plus(sorted.get(mid)).dividedBy(2);
    }
}
