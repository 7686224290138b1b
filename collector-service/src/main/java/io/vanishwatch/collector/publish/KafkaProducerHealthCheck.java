package io.vanishwatch.collector.publish;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the producer can reach the broker and the last publish succeeded. */
@Readiness
@ApplicationScoped
public class KafkaProducerHealthCheck implements HealthCheck {

    public static final String NAME = "kafka-producer";

    @Inject
    KafkaEventPublisher publisher;

    @Override
    public HealthCheckResponse call() {
        Optional<String> problem = publisher.problem(Duration.ofSeconds(2));
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).status(problem.isEmpty())
                .withData("topic", publisher.topic());
        problem.ifPresent(p -> response.withData("problem", p));
        return response.build();
    }
}
