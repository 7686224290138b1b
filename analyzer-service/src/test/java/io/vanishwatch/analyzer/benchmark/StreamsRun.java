package io.vanishwatch.analyzer.benchmark;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * One Kafka Streams application run by the benchmark with the analyzer's own Kafka Streams settings (every
 * {@code kafka-streams.*} key of its application.properties), timed from RUNNING until its committed offsets reach
 * the end of its input.
 */
final class StreamsRun implements AutoCloseable {

    private final KafkaStreams streams;
    private final String applicationId;
    private final String bootstrap;
    private final Path stateDir;
    private volatile long runningAtNanos;

    private StreamsRun(Topology topology, String applicationId, String bootstrap) {
        this.applicationId = applicationId;
        this.bootstrap = bootstrap;
        try {
            this.stateDir = Files.createTempDirectory("vanishwatch-bench-streams-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties props = analyzerStreamsSettings();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        this.streams = new KafkaStreams(topology, props);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING && runningAtNanos == 0) {
                runningAtNanos = System.nanoTime();
            }
        });
    }

    static StreamsRun start(Topology topology, String applicationId, String bootstrap) {
        StreamsRun run = new StreamsRun(topology, applicationId, bootstrap);
        run.streams.start();
        return run;
    }

    /** The analyzer's {@code kafka-streams.*} settings (no profile), as Quarkus hands them to Kafka Streams. */
    static Properties analyzerStreamsSettings() {
        Properties file = new Properties();
        try (InputStream in = StreamsRun.class.getResourceAsStream("/application.properties")) {
            file.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties props = new Properties();
        file.stringPropertyNames().stream().filter(key -> key.startsWith("kafka-streams."))
                .forEach(key -> props.put(key.substring("kafka-streams.".length()), file.getProperty(key)));
        return props;
    }

    /** Waits until RUNNING; returns when that was (System.nanoTime). */
    long awaitRunning(Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(20))
                .alias(applicationId + " RUNNING").until(() -> runningAtNanos != 0);
        return runningAtNanos;
    }

    /**
     * Waits until the application's committed offsets on {@code topic} reach its end offsets (what it read is processed
     * and its output committed); returns when that was first seen (System.nanoTime), checked every 100 ms.
     */
    long awaitDrained(String topic, Duration timeout) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = new TreeMap<>((a, b) -> Integer.compare(a.partition(), b.partition()));
            admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                    .partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, Long> end = new java.util.HashMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> end.put(tp, info.offset()));
            await().atMost(timeout).pollInterval(Duration.ofMillis(100)).alias(applicationId + " drained " + topic)
                    .until(() -> {
                        if (streams.state() == KafkaStreams.State.ERROR
                                || streams.state() == KafkaStreams.State.PENDING_ERROR) {
                            throw new IllegalStateException(applicationId + " failed: " + streams.state());
                        }
                        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                        return end.entrySet().stream().allMatch(e -> e.getValue() == 0 || (committed.get(e.getKey())
                                != null && committed.get(e.getKey()).offset() >= e.getValue()));
                    });
            return System.nanoTime();
        }
    }

    /** Bytes on disk under the application's state directory. */
    long stateBytes() throws IOException {
        try (Stream<Path> files = Files.walk(stateDir)) {
            return files.filter(Files::isRegularFile).mapToLong(path -> {
                try {
                    return Files.size(path);
                } catch (IOException e) {
                    return 0; // a RocksDB file replaced while we walk
                }
            }).sum();
        }
    }

    /** One RocksDB metric (e.g. estimate-num-keys, total-sst-files-size), summed per store over tasks. */
    Map<String, Double> storeMetric(String name) {
        Map<String, Double> byStore = new TreeMap<>();
        for (Map.Entry<MetricName, ? extends Metric> entry : streams.metrics().entrySet()) {
            MetricName metric = entry.getKey();
            if (!metric.name().equals(name) || !metric.group().equals("stream-state-metrics")) {
                continue;
            }
            String store = metric.tags().entrySet().stream().filter(tag -> tag.getKey().endsWith("-state-id"))
                    .map(Map.Entry::getValue).findFirst().orElse("?");
            if (entry.getValue().metricValue() instanceof Number value) {
                byStore.merge(store, value.doubleValue(), Double::sum);
            }
        }
        return byStore;
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(60));
        streams.cleanUp();
    }
}
