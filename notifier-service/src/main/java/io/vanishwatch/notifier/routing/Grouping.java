package io.vanishwatch.notifier.routing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How a route bundles alerts into notifications, in Alertmanager's terms.
 *
 * @param groupBy        the labels whose values make a group; alerts with the same values go out together
 * @param groupWait      how long a new group waits for more alerts before its first notification
 * @param groupInterval  how long after a group's last notification news of it waits before it goes out
 * @param repeatInterval how long a group with open alerts and no news waits before it is said again; zero: never
 */
public record Grouping(List<String> groupBy, Duration groupWait, Duration groupInterval, Duration repeatInterval) {

    /** One notification per alert as soon as it comes, repeated every 4 hours while open. */
    public static final Grouping DEFAULT = new Grouping(List.of(AlertLabels.ACCOUNT, AlertLabels.PATTERN),
            Duration.ZERO, Duration.ZERO, Duration.ofHours(4));

    public Grouping {
        groupBy = List.copyOf(groupBy);
    }

    /** The group {@code labels} fall into, e.g. {@code account=office,pattern=MASS_REMOVAL}; empty for one group. */
    public String groupKey(Map<String, String> labels) {
        return groupBy.stream().map(label -> label + "=" + labels.getOrDefault(label, ""))
                .collect(Collectors.joining(","));
    }

    /** The grouping labels' values of {@code labels}. */
    public Map<String, String> groupLabels(Map<String, String> labels) {
        return groupBy.stream().collect(Collectors.toMap(label -> label, label -> labels.getOrDefault(label, ""),
                (a, b) -> a, java.util.TreeMap::new));
    }
}
