package io.vanishwatch.notifier.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which receivers hear about an alert: the routes are tried in order; the first that matches takes the
 * alert, unless it says to continue; an alert no route takes goes to the root route (every configured channel).
 * FIRING, UPDATED and RESOLVED take the same way, so whoever was told a problem started is told how it ended.
 */
public final class RouteTree {

    public static final String ROOT = "root";

    private final Route root;
    private final List<Route> routes;

    public RouteTree(Route root, List<Route> routes) {
        this.root = root;
        this.routes = List.copyOf(routes);
    }

    /** Only the root: every alert to {@code receiver}, grouped by {@code grouping}. */
    public static RouteTree single(String receiver, Grouping grouping) {
        return new RouteTree(new Route(ROOT, receiver, Map.of(), false, grouping), List.of());
    }

    /** The routes {@code labels} take, in order; never empty. */
    public List<Route> routesFor(Map<String, String> labels) {
        List<Route> taken = new ArrayList<>();
        for (Route route : routes) {
            if (route.matches(labels)) {
                taken.add(route);
                if (!route.continueMatching()) {
                    break;
                }
            }
        }
        return taken.isEmpty() ? List.of(root) : taken;
    }

    public Optional<Route> route(String name) {
        if (root.name().equals(name)) {
            return Optional.of(root);
        }
        return routes.stream().filter(route -> route.name().equals(name)).findFirst();
    }

    public Route root() {
        return root;
    }

    public List<Route> routes() {
        return routes;
    }
}
