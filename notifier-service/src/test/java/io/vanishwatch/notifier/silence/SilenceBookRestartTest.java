package io.vanishwatch.notifier.silence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.vanishwatch.events.Silence;
import io.vanishwatch.events.Topics;
import io.vanishwatch.kafka.embedded.EmbeddedKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Silences on a real broker (its own, so that no notifier of this JVM reads or writes its silences) survive a restart
 * of the book, and are gone once tombstoned.
 */
class SilenceBookRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration RETENTION = Duration.ofDays(5);

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start().createVanishwatchTopics();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    private static Map<String, Object> clients() {
        return Map.of("bootstrap.servers", kafka.bootstrapServers());
    }

    private static SilenceBook caughtUpBook() throws InterruptedException {
        SilenceBook book = SilenceBook.reading(clients()).start();
        assertThat(book.awaitCaughtUp(WAIT)).as("caught up").isTrue();
        return book;
    }

    private static Map<String, String> labels(String account) {
        return Map.of("account", account, "pattern", "CLIENT_MOVES_TO_LOCAL", "severity", "CRITICAL");
    }

    @Test
    void aSilenceIsHonouredByANewBookAndForgottenOnceTombstoned() throws Exception {
        Instant now = Instant.now();
        Silence office = Silences.account("office@example.org", now.minusSeconds(60), now.plus(Duration.ofHours(2)));
        Silence later = Silences.account("shop@example.org", now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(3)));
        Silence old = Silences.account("office@example.org", now.minus(Duration.ofDays(7)),
                now.minus(RETENTION).minusSeconds(1));

        try (SilenceWriter writer = SilenceWriter.writing(clients(), WAIT)) {
            // given a running book that sees silences as they are written
            try (SilenceBook first = caughtUpBook()) {
                writer.write(old);
                writer.write(later);
                assertThat(first.awaitApplied(writer.write(office), WAIT)).isTrue();
                assertThat(first.find(office.id())).hasValue(office);
                assertThat(first.mutes(labels("office@example.org"), now)).hasValue(office);
                assertThat(first.mutes(labels("shop@example.org"), now)).as("pending").isEmpty();
                assertThat(first.mutes(labels("other@example.org"), now)).isEmpty();
            }
            // and a record that is no silence, written by something else
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                    new StringSerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(Topics.SILENCES.name(), "garbage", "{not json".getBytes())).get();
            }

            // when the notifier restarts, then its new book holds the same silences, the garbage skipped
            try (SilenceBook second = caughtUpBook()) {
                assertThat(second.all()).containsExactlyInAnyOrder(office, later, old);
                assertThat(second.mutes(labels("office@example.org"), now)).hasValue(office);
                assertThat(second.mutes(labels("shop@example.org"), now.plus(Duration.ofMinutes(90))))
                        .hasValue(later);

                // when the retention passes over the old one and the office's silence is tombstoned
                assertThat(new SilenceRetention(second, writer, RETENTION).forget(now)).containsExactly(old.id());
                writer.tombstone(office.id());

                // then the running book forgets both, and so does a book started afterwards
                await().atMost(WAIT).until(() -> second.find(office.id()).isEmpty() && second.find(old.id()).isEmpty());
                assertThat(second.mutes(labels("office@example.org"), now)).isEmpty();
            }
            try (SilenceBook third = caughtUpBook()) {
                assertThat(third.all()).containsExactly(later);
            }
        }
    }

    @Test
    void aBookNeverStartedClosesQuietlyAndAStartedOneCatchesUp() throws Exception {
        SilenceBook neverStarted = SilenceBook.reading(clients());
        neverStarted.close();
        assertThat(neverStarted.caughtUp()).isFalse();

        try (SilenceBook book = caughtUpBook()) {
            assertThat(book.caughtUp()).isTrue();
        }
    }
}
