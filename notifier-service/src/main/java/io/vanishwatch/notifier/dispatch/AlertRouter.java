package io.vanishwatch.notifier.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.vanishwatch.events.Alert;
import io.vanishwatch.notifier.inhibit.Inhibition;
import io.vanishwatch.notifier.routing.AlertLabels;
import io.vanishwatch.notifier.routing.Customers;
import io.vanishwatch.notifier.routing.Route;
import io.vanishwatch.notifier.routing.RouteTree;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Keeps each account's open alerts and hands every alert that is not muted — by a silence, or by watcher blind or
 * mass removal on the same account ({@link Inhibition}) — to the groups of the routes it takes. A muted alert waits
 * in the store: when its silence ends or its inhibitor resolves while it is still open, it is handed on then. Runs
 * on the alerts' own partitions (keyed by account), so one account's alerts are all here.
 */
final class AlertRouter implements Processor<String, Alert, String, RoutedAlert> {

    private static final Logger LOG = Logger.getLogger(AlertRouter.class);

    private final RouteTree routes;
    private final Customers customers;
    private final SilenceCheck silences;
    private final Duration tick;
    private ProcessorContext<String, RoutedAlert> context;
    private KeyValueStore<String, OpenAlert> open;

    AlertRouter(RouteTree routes, Customers customers, SilenceCheck silences, Duration tick) {
        this.routes = routes;
        this.customers = customers;
        this.silences = silences;
        this.tick = tick;
    }

    @Override
    public void init(ProcessorContext<String, RoutedAlert> context) {
        this.context = context;
        this.open = context.getStateStore(NotifierTopology.OPEN_ALERTS);
        context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, now -> handOnUnmuted(Instant.ofEpochMilli(now)));
    }

    @Override
    public void process(Record<String, Alert> record) {
        Alert alert = record.value();
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        OpenAlert previous = open.get(alert.alertKey());
        if (alert.status() == Alert.Status.RESOLVED) {
            open.delete(alert.alertKey());
            // never seen (its FIRING came before this notifier's state, e.g. an upgrade): better told than lost
            if (previous == null || previous.told()) {
                Optional<String> silence = silences.silencedBy(labels(alert), now);
                if (silence.isPresent()) {
                    LOG.infof("alert %s RESOLVED: muted by %s", alert.alertKey(), silence.get());
                } else {
                    handOn(alert, record.timestamp());
                }
            } else {
                LOG.infof("alert %s RESOLVED: its receivers were never told of it (muted throughout)",
                        alert.alertKey());
            }
            if (Inhibition.INHIBITORS.contains(alert.pattern())) {
                handOnUnmuted(now);
            }
            return;
        }
        consider(new OpenAlert(alert, previous == null ? null : previous.placedKey(),
                previous == null ? null : previous.mutedBy()), now, record.timestamp());
    }

    /** Hands on every open alert whose latest state was held back and is no longer muted. */
    private void handOnUnmuted(Instant now) {
        List<OpenAlert> waiting = new ArrayList<>();
        try (KeyValueIterator<String, OpenAlert> all = open.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value.pending()) {
                    waiting.add(entry.value);
                }
            });
        }
        waiting.forEach(alert -> consider(alert, now, now.toEpochMilli()));
    }

    private void consider(OpenAlert current, Instant now, long timestamp) {
        Alert alert = current.alert();
        Optional<String> mute = muteReason(alert, now);
        if (mute.isPresent()) {
            if (!mute.get().equals(current.mutedBy())) {
                LOG.infof("alert %s %s: muted by %s", alert.alertKey(), alert.status(), mute.get());
            }
            open.put(alert.alertKey(), new OpenAlert(alert, current.placedKey(), mute.get()));
            return;
        }
        if (current.mutedBy() != null) {
            LOG.infof("alert %s %s: no longer muted (was: %s), handed on", alert.alertKey(), alert.status(),
                    current.mutedBy());
        }
        handOn(alert, timestamp);
        open.put(alert.alertKey(), new OpenAlert(alert, alert.notificationKey(), null));
    }

    private Optional<String> muteReason(Alert alert, Instant now) {
        Optional<String> silence = silences.silencedBy(labels(alert), now);
        if (silence.isPresent()) {
            return silence;
        }
        return Inhibition.inhibitorOf(alert, openAlertsOf(alert.account()))
                .map(inhibitor -> "the open " + inhibitor.pattern() + " alert of " + inhibitor.account());
    }

    private List<Alert> openAlertsOf(String account) {
        List<Alert> alerts = new ArrayList<>();
        try (KeyValueIterator<String, OpenAlert> ofAccount = open.prefixScan(account + "/",
                Serdes.String().serializer())) {
            ofAccount.forEachRemaining((KeyValue<String, OpenAlert> entry) -> alerts.add(entry.value.alert()));
        }
        return alerts;
    }

    private void handOn(Alert alert, long timestamp) {
        Map<String, String> labels = labels(alert);
        for (Route route : routes.routesFor(labels)) {
            String groupKey = route.grouping().groupKey(labels);
            RoutedAlert routed = new RoutedAlert(route.name(), route.receiver(), groupKey,
                    route.grouping().groupLabels(labels), alert);
            context.forward(new Record<>(routed.group(), routed, timestamp));
        }
    }

    private Map<String, String> labels(Alert alert) {
        return AlertLabels.of(alert, customers);
    }
}
