package io.vanishwatch.notifier.silence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the silence book has read every silence that was on its topic at start. */
@Readiness
@ApplicationScoped
public class SilenceBookReadiness implements HealthCheck {

    @Inject
    SilenceBook book;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("silences")
                .status(book.caughtUp())
                .withData("silences", book.all().size())
                .build();
    }
}
