package io.vanishwatch.analyzer.api;

import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.vanishwatch.analyzer.query.AnalyzerQueries;
import io.vanishwatch.events.BearerToken;
import io.vanishwatch.analyzer.query.Peers;

/** Wires the queries to the Kafka Streams instance Quarkus runs, and says at start how the API is set up. */
@ApplicationScoped
public class QueryBeans {

    static final String APPLICATION_SERVER_KEY = "kafka-streams.application.server";

    private static final Logger LOG = Logger.getLogger(QueryBeans.class);

    @Produces
    @Singleton
    BearerToken apiToken(ApiConfig config) {
        return BearerToken.of(ApiConfig.TOKEN_KEY, config.token());
    }

    @Produces
    @Singleton
    AnalyzerQueries queries(KafkaStreams streams, BearerToken token, ApiConfig config,
                            @ConfigProperty(name = APPLICATION_SERVER_KEY) Optional<String> applicationServer) {
        return new AnalyzerQueries(streams, applicationServer.map(HostInfo::buildFromEndpoint),
                new Peers(token, config.forwardTimeout()), Clock.systemUTC());
    }

    void onStart(@Observes StartupEvent start, BearerToken token,
                 @ConfigProperty(name = APPLICATION_SERVER_KEY) Optional<String> applicationServer) {
        if (!token.configured()) {
            LOG.warnf("The REST API under /api refuses every request: no token is configured. Set %s "
                    + "(or VANISHWATCH_ANALYZER_API_TOKEN) and send it as 'Authorization: Bearer <token>'.",
                    ApiConfig.TOKEN_KEY);
        }
        applicationServer.ifPresentOrElse(
                server -> LOG.infof("The REST API answers as analyzer instance %s (%s) and asks the other "
                        + "instances for the partitions they hold", server, APPLICATION_SERVER_KEY),
                () -> LOG.infof("The REST API answers from this instance's state alone; when several analyzer "
                        + "instances share the partitions, give each a fixed quarkus.http.port and set %s=host:port",
                        APPLICATION_SERVER_KEY));
    }
}
