package io.vanishwatch.notifier.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Notification;
import io.vanishwatch.events.Topics;
import io.vanishwatch.notifier.delivery.RetryPolicy;
import io.vanishwatch.notifier.routing.Customers;
import io.vanishwatch.notifier.routing.Receiver;
import io.vanishwatch.notifier.routing.RouteTree;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The notifier's topology on a TopologyTestDriver, with a wall clock the test moves. */
final class DispatchDriver implements AutoCloseable {

    static final Instant START = Instant.parse("2026-03-10T09:00:00Z");
    static final Duration TICK = Duration.ofMillis(100);
    static final DeliveryPolicy POLICY = new DeliveryPolicy(
            new RetryPolicy(Integer.MAX_VALUE, Duration.ofSeconds(1), Duration.ofMinutes(1)), Duration.ofHours(1));

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, Alert> alerts;
    private final TestInputTopic<String, byte[]> rawAlerts;
    private final TestOutputTopic<String, Notification> notifications;
    private final TestOutputTopic<String, byte[]> undeliverable;
    private final TestOutputTopic<String, byte[]> unreadableAlerts;

    DispatchDriver(RouteTree routes, List<Receiver> receivers, Customers customers, SilenceCheck silences) {
        Map<String, Receiver> byName = new java.util.LinkedHashMap<>();
        receivers.forEach(receiver -> byName.put(receiver.name(), receiver));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "vanishwatch-notifier");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        driver = new TopologyTestDriver(NotifierTopology.build(routes, byName, customers, silences,
                new NotifierTopology.Settings(POLICY, TICK, Duration.ofSeconds(1), Duration.ofSeconds(5)),
                DeliveryListener.NONE), props, START);
        alerts = driver.createInputTopic(Topics.ALERTS.name(), Serdes.String().serializer(),
                Topics.ALERTS.valueSerde().serializer());
        rawAlerts = driver.createInputTopic(Topics.ALERTS.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        notifications = driver.createOutputTopic(Topics.NOTIFICATIONS.name(), Serdes.String().deserializer(),
                Topics.NOTIFICATIONS.valueSerde().deserializer());
        undeliverable = driver.createOutputTopic(NotifierTopology.UNDELIVERABLE_TOPIC,
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        unreadableAlerts = driver.createOutputTopic(Topics.ALERTS.deadLetterTopic(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    void raise(Alert alert) {
        alerts.pipeInput(alert.account(), alert);
    }

    void raiseRaw(String account, byte[] value) {
        rawAlerts.pipeInput(account, value);
    }

    /** Moves the wall clock tick by tick, as the running application would see it. */
    void pass(Duration duration) {
        for (Duration left = duration; !left.isNegative() && !left.isZero(); left = left.minus(TICK)) {
            driver.advanceWallClockTime(left.compareTo(TICK) < 0 ? left : TICK);
        }
    }

    /** Moves the wall clock at once, as after a long pause: one tick sees it all. */
    void jump(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    List<Notification> notifications() {
        return notifications.readValuesToList();
    }

    List<byte[]> undeliverable() {
        return undeliverable.readValuesToList();
    }

    List<byte[]> unreadableAlerts() {
        return unreadableAlerts.readValuesToList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
