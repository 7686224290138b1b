package io.vanishwatch.notifier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the dispatcher runs (or rebalances); says how many notifications wait for a channel here. */
@Readiness
@ApplicationScoped
public class NotifierReadiness implements HealthCheck {

    @Inject
    KafkaStreams streams;

    @Inject
    Notifier notifier;

    @Override
    public HealthCheckResponse call() {
        KafkaStreams.State state = streams.state();
        return HealthCheckResponse.named("notification-dispatcher")
                .status(state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING)
                .withData("state", state.name())
                .withData("pendingDeliveries", notifier.pendingDeliveries())
                .build();
    }
}
