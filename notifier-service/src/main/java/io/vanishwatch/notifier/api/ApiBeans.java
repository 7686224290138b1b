package io.vanishwatch.notifier.api;

import io.vanishwatch.events.BearerToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.runtime.StartupEvent;
import org.jboss.logging.Logger;

/** The API token as a bean, and a start log that says how to set it when it is missing. */
@ApplicationScoped
public class ApiBeans {

    private static final Logger LOG = Logger.getLogger(ApiBeans.class);

    @Produces
    @Singleton
    BearerToken apiToken(ApiConfig config) {
        return BearerToken.of(ApiConfig.TOKEN_KEY, config.token());
    }

    void onStart(@Observes StartupEvent start, BearerToken token) {
        if (!token.configured()) {
            LOG.warnf("The REST API under /api (silences) refuses every request: no token is configured. Set %s "
                    + "(or VANISHWATCH_NOTIFIER_API_TOKEN) and send it as 'Authorization: Bearer <token>'.",
                    ApiConfig.TOKEN_KEY);
        }
    }
}
