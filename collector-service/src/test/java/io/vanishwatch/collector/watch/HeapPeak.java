package io.vanishwatch.collector.watch;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * The heap during one phase of a benchmark: the most used (sampled every 100 ms, garbage included), the most still
 * in use after a collection (from the collectors' notifications: the phase's live peak, as near as GC shows it), and
 * the time spent collecting.
 */
final class HeapPeak implements AutoCloseable {

    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    private final Set<String> heapPoolNames = heapPools.stream().map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final AtomicLong maxUsed = new AtomicLong();
    private final AtomicLong maxAfterGc = new AtomicLong();
    private final AtomicInteger collections = new AtomicInteger();
    private final long gcMillisBefore = gcMillis();
    private final long begin = System.nanoTime();
    private volatile long gcMillisAtEnd = -1;
    private volatile long end;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "benchmark-heap-sampler");
        t.setDaemon(true);
        return t;
    });
    private final NotificationListener listener = this::collected;

    HeapPeak() {
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        collectors.forEach(gc -> ((NotificationEmitter) gc).addNotificationListener(listener, null, null));
        sampler.scheduleAtFixedRate(() -> maxUsed.accumulateAndGet(used(), Math::max), 0, 100, TimeUnit.MILLISECONDS);
    }

    private void collected(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                (CompositeData) notification.getUserData());
        long after = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPoolNames.contains(pool.getKey())) {
                after += pool.getValue().getUsed();
            }
        }
        maxAfterGc.accumulateAndGet(after, Math::max);
        collections.incrementAndGet();
    }

    private long used() {
        return heapPools.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
    }

    private long gcMillis() {
        return collectors.stream().mapToLong(gc -> Math.max(0, gc.getCollectionTime())).sum();
    }

    /** The most heap in use at a 100 ms sample, garbage included. */
    long maxUsed() {
        return maxUsed.get();
    }

    /** The most heap still in use right after a collection during the phase (0 if none ran). */
    long maxAfterGc() {
        return maxAfterGc.get();
    }

    /** The sum of the heap pools' own peaks: an upper bound (each pool peaked at its own moment). */
    long poolPeaks() {
        return heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    int collections() {
        return collections.get();
    }

    /** The share of the phase's wall time spent in collections, as the collectors count it (pauses). */
    double gcShare() {
        boolean closed = gcMillisAtEnd >= 0;
        return ((closed ? gcMillisAtEnd : gcMillis()) - gcMillisBefore)
                / (((closed ? end : System.nanoTime()) - begin) / 1e6);
    }

    /** One line: live peak after GC, sampled peak, collections and GC share. */
    String describe() {
        String live = collections() == 0 ? "no collection"
                : String.format("live after GC at most %.1f MiB (%d collections, %.1f %% of the time in GC)",
                maxAfterGc() / 1048576.0, collections(), 100 * gcShare());
        return String.format("%s, used at most %.1f MiB (sampled every 100 ms; pools' own peaks summed %.1f MiB)",
                live, maxUsed() / 1048576.0, poolPeaks() / 1048576.0);
    }

    @Override
    public void close() {
        end = System.nanoTime();
        gcMillisAtEnd = gcMillis();
        sampler.shutdownNow();
        for (GarbageCollectorMXBean gc : collectors) {
            try {
                ((NotificationEmitter) gc).removeNotificationListener(listener);
            } catch (ListenerNotFoundException ignored) {
                // never added
            }
        }
    }
}
