package io.vanishwatch.notifier.silence;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.vanishwatch.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.apache.kafka.clients.CommonClientConfigs;
import org.jboss.logging.Logger;

/**
 * The notifier's {@link SilenceBook} and {@link SilenceWriter} as beans, built from the standard {@code kafka.*}
 * keys; the book starts reading at start (without holding the start up: the dispatcher awaits it) and a timer
 * forgets silences past their retention.
 */
@ApplicationScoped
public class SilenceBeans {

    private static final Logger LOG = Logger.getLogger(SilenceBeans.class);

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @Inject
    SilenceConfig config;

    private ScheduledExecutorService timer;

    @Produces
    @ApplicationScoped
    SilenceBook book() {
        return SilenceBook.reading(withBootstrapDefault());
    }

    void closeBook(@Disposes SilenceBook book) {
        book.close();
    }

    @Produces
    @ApplicationScoped
    SilenceWriter writer() {
        return SilenceWriter.writing(withBootstrapDefault(), config.writeTimeout());
    }

    void closeWriter(@Disposes SilenceWriter writer) {
        writer.close();
    }

    void start(@Observes StartupEvent event, SilenceBook book, SilenceWriter writer) {
        book.start();
        SilenceRetention retention = new SilenceRetention(book, writer, config.retention());
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "silence-retention");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.retentionCheckInterval().toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                retention.forget(Clock.systemUTC().instant());
            } catch (SilenceStoreException | RuntimeException e) {
                LOG.warnf("could not forget old silences now, trying again in %s: %s",
                        config.retentionCheckInterval(), e.getMessage());
            }
        }, every, every, TimeUnit.MILLISECONDS);
        LOG.infof("reading silences from %s; expired ones are forgotten %s after they end",
                Topics.SILENCES.name(), config.retention());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private Map<String, Object> withBootstrapDefault() {
        Map<String, Object> props = new HashMap<>(kafka);
        props.putIfAbsent(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        return props;
    }
}
