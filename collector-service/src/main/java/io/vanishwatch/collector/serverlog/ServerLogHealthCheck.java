package io.vanishwatch.collector.serverlog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the server-log follower follows (or when none is configured); says what it is doing otherwise. */
@Readiness
@ApplicationScoped
public class ServerLogHealthCheck implements HealthCheck {

    public static final String NAME = "server-log";

    @Inject
    ServerLogFollower follower;

    @Override
    public HealthCheckResponse call() {
        String state = follower.state();
        boolean up = !follower.configured() || state.equals(ServerLogFollower.FOLLOWING) || state.startsWith("finished");
        return HealthCheckResponse.named(NAME).status(up).withData("state", state).build();
    }
}
