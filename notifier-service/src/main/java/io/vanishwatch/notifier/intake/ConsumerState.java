package io.vanishwatch.notifier.intake;

import java.util.Set;
import java.util.TreeSet;

/** What the alert consumer is doing right now, for the readiness check: thread-safe, no secrets. */
public final class ConsumerState {

    /** Where the consumer is in its life. */
    public enum Phase { STARTING, RESTORING_LOG, RUNNING, STOPPED }

    private volatile Phase phase = Phase.STARTING;
    private volatile boolean joined;
    private volatile Set<Integer> assignedPartitions = Set.of();
    private volatile int restoredEntries;
    private volatile String lastError;

    public Phase phase() {
        return phase;
    }

    /** True once the consumer group has given this instance its partitions (possibly none). */
    public boolean joined() {
        return joined;
    }

    public Set<Integer> assignedPartitions() {
        return assignedPartitions;
    }

    public int restoredEntries() {
        return restoredEntries;
    }

    /** The last problem met while consuming, or null. */
    public String lastError() {
        return lastError;
    }

    /** Ready: the notification log is restored and the consumer is polling with its partitions. */
    public boolean ready() {
        return phase == Phase.RUNNING && joined;
    }

    void phase(Phase phase) {
        this.phase = phase;
    }

    void assigned(Set<Integer> partitions) {
        this.assignedPartitions = Set.copyOf(new TreeSet<>(partitions));
        this.joined = true;
    }

    void restored(int entries) {
        this.restoredEntries += entries;
    }

    void error(String error) {
        this.lastError = error;
    }
}
