package io.vanishwatch.notifier.dispatch;

import java.util.Map;

import io.vanishwatch.events.Alert;

/** An alert on its way to one route's group: the record the router hands the dispatcher, keyed by the group. */
public record RoutedAlert(String route, String receiver, String groupKey, Map<String, String> groupLabels,
        Alert alert) {

    public RoutedAlert {
        groupLabels = Map.copyOf(groupLabels);
    }

    /** The key of the group in the dispatcher's store and on the repartition topic. */
    public String group() {
        return groupId(route, groupKey);
    }

    public static String groupId(String route, String groupKey) {
        return route + "|" + groupKey;
    }
}
