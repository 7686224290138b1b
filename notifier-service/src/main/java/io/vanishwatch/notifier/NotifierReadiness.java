package io.vanishwatch.notifier;

import io.vanishwatch.notifier.intake.ConsumerState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the notification log is restored and the alert consumer is polling its assigned partitions. */
@Readiness
@ApplicationScoped
public class NotifierReadiness implements HealthCheck {

    @Inject
    Notifier notifier;

    @Override
    public HealthCheckResponse call() {
        ConsumerState state = notifier.state();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("alert-consumer");
        if (state == null) {
            return response.down().withData("phase", "NOT_STARTED").build();
        }
        response.status(state.ready())
                .withData("phase", state.phase().name())
                .withData("joinedGroup", state.joined())
                .withData("assignedPartitions", state.assignedPartitions().toString())
                .withData("notificationLogEntriesRead", state.restoredEntries());
        if (state.lastError() != null) {
            response.withData("lastError", state.lastError());
        }
        return response.build();
    }
}
