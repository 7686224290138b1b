package io.vanishwatch.notifier.routing;

import java.util.Map;
import java.util.Set;

/**
 * One branch of the routing tree: the alerts it matches (every listed label must have one of the listed values),
 * the receiver they go to and how they are grouped.
 *
 * @param name             the route's configured name; part of each notification's key
 * @param match            label → accepted values; a label not listed matches anything
 * @param continueMatching whether the routes after this one are tried too when it matched (Alertmanager's
 *                         {@code continue})
 */
public record Route(String name, String receiver, Map<String, Set<String>> match, boolean continueMatching,
        Grouping grouping) {

    public Route {
        match = Map.copyOf(match);
    }

    public boolean matches(Map<String, String> labels) {
        return match.entrySet().stream().allMatch(entry -> entry.getValue().contains(labels.getOrDefault(entry.getKey(), "")));
    }
}
