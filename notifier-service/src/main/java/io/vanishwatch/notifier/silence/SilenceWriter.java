package io.vanishwatch.notifier.silence;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.vanishwatch.events.Silence;
import io.vanishwatch.events.Topic;
import io.vanishwatch.events.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Writes versions of silences, and tombstones for forgotten ones, to {@link Topics#SILENCES}, returning only once
 * the broker has them (all in-sync replicas, no duplicates on retry). Thread-safe.
 */
public class SilenceWriter implements AutoCloseable {

    private static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

    private final Producer<String, Silence> producer;
    private final String topic;
    private final Duration timeout;

    public SilenceWriter(Producer<String, Silence> producer, String topic, Duration timeout) {
        this.producer = producer;
        this.topic = topic;
        this.timeout = timeout;
    }

    /** A writer to {@link Topics#SILENCES} with an idempotent producer built from {@code kafka}, acks from all. */
    public static SilenceWriter writing(Map<String, Object> kafka, Duration timeout) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000));
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "vanishwatch-notifier-silence-writer");
        Topic<String, Silence> silences = Topics.SILENCES;
        return new SilenceWriter(new KafkaProducer<>(props, silences.keySerde().serializer(),
                silences.valueSerde().serializer()), silences.name(), timeout);
    }

    /** Writes this version of the silence, keyed by its id. */
    public RecordMetadata write(Silence silence) throws SilenceStoreException {
        return send(silence.id(), silence);
    }

    /** Forgets the silence: a tombstone, which compaction keeps only until the broker's delete retention. */
    public RecordMetadata tombstone(String id) throws SilenceStoreException {
        return send(id, null);
    }

    @Override
    public void close() {
        producer.close(CLOSE_GRACE);
    }

    private RecordMetadata send(String id, Silence silence) throws SilenceStoreException {
        try {
            return producer.send(new ProducerRecord<>(topic, id, silence)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new SilenceStoreException("the broker did not take silence " + id + " on " + topic + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new SilenceStoreException("the broker did not confirm silence " + id + " on " + topic + " within "
                    + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SilenceStoreException("interrupted while writing silence " + id, e);
        }
    }
}
