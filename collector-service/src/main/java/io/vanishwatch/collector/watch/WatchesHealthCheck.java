package io.vanishwatch.collector.watch;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while every account's watch on this collector is connected; shows each one's state and reason (never a
 * secret). In a group of collectors, the accounts of this collector's share.
 */
@Readiness
@ApplicationScoped
public class WatchesHealthCheck implements HealthCheck {

    public static final String NAME = "imap-watches";

    @Inject
    Watches watches;

    @Override
    public HealthCheckResponse call() {
        Map<String, WatchStatus> statuses = watches.statuses();
        boolean up = statuses.values().stream().allMatch(s -> s.state() == WatchStatus.State.CONNECTED);
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).status(up);
        if (statuses.isEmpty()) {
            response.withData("watches", watches.inGroup() ? "no account in this collector's share of the group"
                    : "none configured");
        }
        statuses.forEach((watch, status) -> response.withData(watch,
                status.state() + " " + status.folder() + " since " + status.since() + ": " + status.reason()));
        return response.build();
    }
}
