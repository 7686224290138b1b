package io.vanishwatch.notifier.dispatch;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.JsonSerde;
import io.vanishwatch.events.Notification;
import io.vanishwatch.events.Topics;
import io.vanishwatch.notifier.routing.Customers;
import io.vanishwatch.notifier.routing.Receiver;
import io.vanishwatch.notifier.routing.RouteTree;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The notifier as a Kafka Streams application: alerts (keyed by account) → decode → route, silence and inhibit per
 * account → repartition by group → group, queue and deliver → the notification log, and the undeliverable ones to
 * their dead-letter topic. Builds the topology only; no I/O happens here.
 */
public final class NotifierTopology {

    public static final String SOURCE = "alerts-source";
    public static final String DECODER = "alert-decoder";
    public static final String ROUTER = "alert-router";
    public static final String DISPATCHER = "notification-dispatcher";
    public static final String OPEN_ALERTS = "notifier-open-alerts";
    public static final String GROUPS = "notifier-groups";
    public static final String DELIVERIES = "notifier-deliveries";
    /** The repartition topic's name within the application: {@code vanishwatch-notifier-routed-alerts-repartition}. */
    public static final String ROUTED = "routed-alerts";
    public static final String UNDELIVERABLE_TOPIC = Topics.NOTIFICATIONS.deadLetterTopic();

    /**
     * What the dispatcher needs besides its routes and receivers.
     *
     * @param tick          how often groups are flushed and due deliveries tried (at most one sent per tick)
     * @param muteCheck     how often held-back alerts are looked at again (a silence ended, an inhibitor resolved)
     * @param attemptBudget the longest a tick starts new delivery attempts for
     */
    public record Settings(DeliveryPolicy delivery, Duration tick, Duration muteCheck, Duration attemptBudget) {
    }

    /** The dispatcher's own records (stores, repartition topic): the contract's JSON, plus Optional. */
    private static final ObjectMapper STATE = JsonSerde.MAPPER.copy().registerModule(new Jdk8Module());

    private NotifierTopology() {
    }

    public static Topology build(RouteTree routes, Map<String, Receiver> receivers, Customers customers,
            SilenceCheck silences, Settings settings, DeliveryListener listener) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(OPEN_ALERTS),
                Serdes.String(), state(OpenAlert.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(GROUPS),
                Serdes.String(), state(AlertGroup.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(DELIVERIES),
                Serdes.String(), state(PendingDelivery.class)));

        KStream<String, Object> decoded = builder
                .stream(Topics.ALERTS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(SOURCE))
                .process(AlertDecoder::new, Named.as(DECODER));
        decoded.split(Named.as("alert-"))
                .branch((key, value) -> value instanceof AlertDecoder.Unreadable, Branched.withConsumer(unreadable ->
                        unreadable.mapValues(value -> ((AlertDecoder.Unreadable) value).value(),
                                        Named.as("unreadable-alert-bytes"))
                                .to(Topics.ALERTS.deadLetterTopic(), Produced.with(Serdes.String(),
                                        Serdes.ByteArray()).withName("unreadable-alerts-sink")), "unreadable"))
                .defaultBranch(Branched.withConsumer(alerts -> alerts
                        .mapValues(value -> (Alert) value, Named.as("alert-values"))
                        .process(() -> new AlertRouter(routes, customers, silences, settings.muteCheck()),
                                Named.as(ROUTER), OPEN_ALERTS)
                        .repartition(Repartitioned.<String, RoutedAlert>as(ROUTED)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(state(RoutedAlert.class)))
                        .process(() -> new NotificationDispatcher(routes, receivers, settings.delivery(),
                                settings.tick(), settings.attemptBudget(), listener), Named.as(DISPATCHER),
                                GROUPS, DELIVERIES)
                        .split(Named.as("dispatched-"))
                        .branch((key, value) -> value instanceof Notification, Branched.withConsumer(log -> log
                                .mapValues(value -> (Notification) value, Named.as("notification-values"))
                                .to(Topics.NOTIFICATIONS.name(), Produced.with(Topics.NOTIFICATIONS.keySerde(),
                                        Topics.NOTIFICATIONS.valueSerde()).withName("notifications-sink")),
                                "notifications"))
                        .defaultBranch(Branched.withConsumer(undeliverable -> undeliverable
                                .mapValues(value -> (PendingDelivery) value, Named.as("undeliverable-values"))
                                .to(UNDELIVERABLE_TOPIC, Produced.with(Serdes.String(),
                                        state(PendingDelivery.class)).withName("undeliverable-sink")),
                                "undeliverable")), "alerts"));
        return builder.build();
    }

    private static <T> Serde<T> state(Class<T> type) {
        return new JsonSerde<>(type, STATE);
    }
}
