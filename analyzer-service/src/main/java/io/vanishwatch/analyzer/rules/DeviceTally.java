package io.vanishwatch.analyzer.rules;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.RemovedBy;
import io.vanishwatch.events.ServerLogEvent;

/**
 * How many of an episode's removals each device made, as the mail server's records name it, for the whole episode
 * (not only the evidence kept): at most {@link #MAX_DEVICES} devices by name, the rest counted together.
 */
public final class DeviceTally {

    /** Devices named in a tally; more are counted under {@link #OTHERS}. */
    public static final int MAX_DEVICES = 10;
    /** The removals no server record names. */
    public static final String UNKNOWN = "an unknown device";
    /** The removals of devices beyond {@link #MAX_DEVICES}. */
    public static final String OTHERS = "other devices";

    private DeviceTally() {
    }

    /** The device a disappearance is counted for. */
    public static String deviceOf(Disappearance d) {
        return d.removedByDevice() == null ? UNKNOWN : d.removedByDevice().device();
    }

    /** The device a server-log record comes from. */
    public static String deviceOf(ServerLogEvent record) {
        return RemovedBy.of(record, null, null).device();
    }

    /** The tally with one more removal. */
    public static Map<String, Integer> add(Map<String, Integer> tally, Disappearance d) {
        return add(tally, deviceOf(d));
    }

    /** The tally with one more for {@code device}. */
    public static Map<String, Integer> add(Map<String, Integer> tally, String device) {
        Map<String, Integer> next = new LinkedHashMap<>(tally);
        if (!next.containsKey(device) && named(next) >= MAX_DEVICES) {
            device = OTHERS;
        }
        next.merge(device, 1, Integer::sum);
        return next;
    }

    /** The tally of these disappearances. */
    public static Map<String, Integer> of(List<Disappearance> disappearances) {
        Map<String, Integer> tally = new LinkedHashMap<>();
        for (Disappearance d : disappearances) {
            tally = add(tally, d);
        }
        return tally;
    }

    /**
     * The tally of a run that has not fired, whose {@code count} matches are those since {@code from}: counted from
     * the evidence when it holds every one of them (matches that fell out of the sliding window are not counted),
     * else the running tally, which may still count a few of those.
     */
    public static Map<String, Integer> ofRun(Map<String, Integer> running, List<Disappearance> evidence, Instant from,
                                             int count) {
        List<Disappearance> inRun = evidence.stream().filter(d -> !d.removedAt().isBefore(from)).toList();
        return inRun.size() == count ? of(inRun) : running;
    }

    /** Whether the server's records named any device. */
    public static boolean anyKnown(Map<String, Integer> tally) {
        return tally.keySet().stream().anyMatch(device -> !device.equals(UNKNOWN));
    }

    /** The fact: "'Mac OS X Mail' at 192.0.2.14=9, an unknown device=3", most removals first. */
    public static String fact(Map<String, Integer> tally) {
        return ordered(tally).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /**
     * "All 12 came from 'Mac OS X Mail' at 192.0.2.14." when one device made every removal, else "9 by 'Mac OS X Mail'
     * at 192.0.2.14, 3 by an unknown device." — empty when no device is known.
     */
    public static String words(Map<String, Integer> tally, int count) {
        if (!anyKnown(tally)) {
            return "";
        }
        Map<String, Integer> ordered = ordered(tally);
        if (ordered.size() == 1) {
            Map.Entry<String, Integer> only = ordered.entrySet().iterator().next();
            if (only.getValue() >= count) {
                return count == 1 ? "It came from " + only.getKey() + "." : "All " + count + " came from " + only.getKey() + ".";
            }
        }
        return "Removed by: " + ordered.entrySet().stream().map(e -> e.getValue() + " by " + e.getKey())
                .collect(Collectors.joining(", ")) + ".";
    }

    /** The device that made the most removals (a known one before the unknown), or null when none is known. */
    public static String top(Map<String, Integer> tally) {
        return ordered(tally).keySet().stream().filter(device -> !device.equals(UNKNOWN) && !device.equals(OTHERS))
                .findFirst().orElse(null);
    }

    private static long named(Map<String, Integer> tally) {
        return tally.keySet().stream().filter(device -> !device.equals(OTHERS)).count();
    }

    /** "'iPhone Mail' at 192.0.2.15 (4 times) and 'Thunderbird' at 192.0.2.16 (once)", most first. */
    public static String listed(Map<String, Integer> tally, boolean withCounts) {
        List<String> items = ordered(tally).entrySet().stream()
                .map(e -> withCounts ? e.getKey() + " (" + (e.getValue() == 1 ? "once" : e.getValue() + " times") + ")"
                        : e.getKey())
                .toList();
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    private static Map<String, Integer> ordered(Map<String, Integer> tally) {
        Map<String, Integer> ordered = new LinkedHashMap<>();
        tally.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                        .thenComparing(e -> e.getKey().equals(UNKNOWN) || e.getKey().equals(OTHERS))
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return ordered;
    }
}
