package io.vanishwatch.launcher;

import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;

/** Prints every alert on the alerts topic to the console as it is raised, for a person watching the run. */
final class AlertConsole implements AutoCloseable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final KafkaConsumer<String, Alert> consumer;
    private final Thread thread;
    private final PrintStream out;
    private final Consumer<Alert> onAlert;
    /** Notifications already shown in full; a re-emitted alert of the same episode gets one line. */
    private final Set<String> printed = new HashSet<>();

    AlertConsole(String bootstrapServers, PrintStream out, Consumer<Alert> onAlert) {
        this.out = out;
        this.onAlert = onAlert;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "vanishwatch-console-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                Topics.ALERTS.keySerde().deserializer(), Topics.ALERTS.valueSerde().deserializer());
        this.thread = new Thread(this::run, "alert-console");
        thread.setDaemon(true);
    }

    AlertConsole start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.ALERTS.name()));
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, Alert> record : consumer.poll(Duration.ofSeconds(1))) {
                    if (record.value() != null) {
                        print(record.value());
                        onAlert.accept(record.value());
                    }
                }
            }
        } catch (WakeupException closing) {
            // close() was called
        } finally {
            consumer.close();
        }
    }

    void print(Alert alert) {
        if (!printed.add(alert.notificationKey())) {
            out.println("[alert update] " + alert.alertKey() + " " + alert.status() + ": " + alert.count()
                    + " messages so far");
            return;
        }
        StringBuilder text = new StringBuilder()
                .append("\n==================== VANISHWATCH ALERT ====================\n")
                .append(alert.status()).append(' ').append(alert.severity()).append("  ")
                .append(alert.account()).append("  ").append(alert.pattern()).append('\n')
                .append(alert.summary()).append('\n');
        if (alert.advice() != null) {
            text.append("What to check: ").append(alert.advice()).append('\n');
        }
        for (Disappearance gone : alert.evidence()) {
            text.append("  - ").append(TIME.format(gone.removedAt())).append("  '").append(gone.subject())
                    .append("' from ").append(gone.from()).append(": ")
                    .append(gone.readBeforeRemoval() ? "read" : "unread").append(", ")
                    .append(gone.whereItWent());
            if (gone.dwellTime() != null) {
                text.append(" ").append(age(gone.dwellTime())).append(" after arrival");
            }
            text.append('\n');
        }
        text.append("===========================================================\n");
        out.print(text);
        out.flush();
    }

    /** "42 s", "15 min", "7 h", "400 d": a stay as a person reads it. */
    static String age(java.time.Duration stay) {
        long seconds = Math.max(0, stay.toSeconds());
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 2 * 3600) {
            return seconds / 60 + " min";
        }
        return seconds < 48 * 3600 ? seconds / 3600 + " h" : seconds / 86_400 + " d";
    }

    @Override
    public void close() {
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
