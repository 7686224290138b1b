package io.vanishwatch.analyzer.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.vanishwatch.analyzer.rules.AnalyzerSettings;
import io.vanishwatch.analyzer.topology.AnalyzerTopology;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.MessageSummary;
import io.vanishwatch.events.Topic;
import io.vanishwatch.events.Topics;
import io.vanishwatch.events.Verdict;

/**
 * Issue 6's benchmark: prints figures, asserts nothing about speed. Its name matches none of surefire's includes, so
 * {@code mvn verify} leaves it out; run it on demand (see docs/benchmarks.md):
 * <pre>
 * mvn -B -pl analyzer-service -am verify -Dtest=AnalyzerThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * {@code -Dbenchmark.events=N} and {@code -Dbenchmark.accounts=N} size the traffic run (1,000,000 over 1,000).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnalyzerThroughputBenchmark {

    private static final String PASS_THROUGH = "bench.pass-through.v1";
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(30);
    private static final long EVENTS = Long.getLong("benchmark.events", 1_000_000);
    private static final int ACCOUNTS = Integer.getInteger("benchmark.accounts", 1_000);
    private static final int MASS_REMOVAL = Integer.getInteger("benchmark.mass-removal", 10_000);

    @BeforeAll
    static void quietLogs() {
        // every disappearance is logged at INFO; the console would be the benchmark
        Logger.getLogger("io.vanishwatch").setLevel(Level.WARNING);
        Logger.getLogger("org.apache.kafka").setLevel(Level.parse(System.getProperty("benchmark.kafka-log", "WARNING")));
    }

    @Test
    @Order(1)
    void throughputAgainstPassThroughThenHeapAndStateAfterTheTraffic() throws Exception {
        print("traffic: %,d events over %,d accounts; load %s; %d cores", EVENTS, ACCOUNTS, load(),
                Runtime.getRuntime().availableProcessors());
        try (ChildBroker broker = ChildBroker.start()) {
            createTopic(broker, PASS_THROUGH);
            long producing = System.nanoTime();
            Duration span = produceTraffic(broker);
            print("input produced in %s (event time spans %s)", seconds(System.nanoTime() - producing), span);

            double baseline1 = passThrough(broker, "bench-pass-through-1");
            long heapBefore = heapAfterGc();
            double analyzer;
            try (StreamsRun run = StreamsRun.start(AnalyzerTopology.build(AnalyzerSettings.defaults()),
                    "vanishwatch-analyzer", broker.bootstrapServers())) {
                analyzer = drain(run, "analyzer (exactly_once_v2, AnalyzerTopology, default settings)");
                long heapAfter = heapAfterGc();
                print("heap after GC: %s with the analyzer's state, %s before it started (difference %s); load %s",
                        mib(heapAfter), mib(heapBefore), mib(heapAfter - heapBefore), load());
                print("state directory on disk: %s", mib(run.stateBytes()));
                print("stores, estimate-num-keys: %s", run.storeMetric("estimate-num-keys"));
                print("stores, total-sst-files-size (MiB): %s", inMib(run.storeMetric("total-sst-files-size")));
                print("stores, size-all-mem-tables (MiB): %s", inMib(run.storeMetric("size-all-mem-tables")));
                print("output: %,d disappearances, %,d alerts", count(broker, Topics.DISAPPEARANCES.name()),
                        count(broker, Topics.ALERTS.name()));
            }
            double baseline2 = passThrough(broker, "bench-pass-through-2");
            double baseline = (baseline1 + baseline2) / 2;
            print("RESULT analyzer %,.0f events/s; pass-through %,.0f and %,.0f events/s (mean %,.0f); ratio %.0f %% "
                    + "(goal >= 50 %%); load %s", analyzer, baseline1, baseline2, baseline, 100 * analyzer / baseline, load());
        }
    }

    @Test
    @Order(2)
    void massRemovalOfTenThousandOldMessagesFromOneAccount() throws Exception {
        String account = "thief-victim@bench.example";
        Instant now = Instant.now();
        Instant first = now.minus(Duration.ofMinutes(3));
        print("mass removal: %,d old read messages of one account removed within 3 minutes; load %s", MASS_REMOVAL, load());
        try (ChildBroker broker = ChildBroker.start();
             KafkaProducer<String, MailboxEvent> producer = producer(broker)) {
            producer.send(record(MailboxTraffic.watch(account, MailboxEvent.WatchState.CONNECTED, first.minusSeconds(60))));
            producer.flush();
            List<MailboxEvent> removals = new ArrayList<>(MASS_REMOVAL);
            long stepMicros = Duration.ofMinutes(3).toNanos() / 1000 / MASS_REMOVAL;
            for (int n = 0; n < MASS_REMOVAL; n++) {
                Instant at = first.plusNanos(n * stepMicros * 1000);
                MessageSummary message = new MessageSummary("<old-" + n + "@client.example>", "client" + n % 97 + "@client.example",
                        "Contract " + n, 20_000, now.minus(Duration.ofDays(365)).plus(Duration.ofMinutes(n)),
                        java.util.Set.of(MailboxEvent.SEEN));
                removals.add(MailboxEvent.removed(account, "INBOX", FolderRole.INBOX, MailboxTraffic.UID_VALIDITY, n + 1L,
                        message, at, MailboxEvent.DetectedBy.IDLE, null, Verdict.inNoFolder(at, MailboxTraffic.OTHER_FOLDERS)));
            }
            try (StreamsRun run = StreamsRun.start(AnalyzerTopology.build(AnalyzerSettings.defaults()),
                    "vanishwatch-analyzer", broker.bootstrapServers());
                 KafkaConsumer<String, Alert> alerts = readCommitted(broker, Topics.ALERTS);
                 KafkaConsumer<String, Disappearance> disappearances = readCommitted(broker, Topics.DISAPPEARANCES)) {
                run.awaitRunning(Duration.ofMinutes(2));
                run.awaitDrained(Topics.MAILBOX_EVENTS.name(), Duration.ofMinutes(2));

                AtomicLong published = new AtomicLong();
                long start = System.nanoTime();
                Thread collector = new Thread(() -> {
                    removals.forEach(event -> producer.send(record(event)));
                    producer.flush();
                    published.set(System.nanoTime());
                }, "bench-collector");
                collector.start();

                long firing = 0;
                long allOut = 0;
                long explained = 0;
                Map<Alert.Status, Integer> byStatus = new EnumMap<>(Alert.Status.class);
                List<String> said = new ArrayList<>();
                long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
                while (System.nanoTime() < deadline && (allOut == 0 || System.nanoTime() - allOut < 3_000_000_000L)) {
                    for (ConsumerRecord<String, Alert> record : alerts.poll(Duration.ofMillis(20))) {
                        Alert alert = record.value();
                        byStatus.merge(alert.status(), 1, Integer::sum);
                        said.add(alert.status() + " " + alert.pattern() + " " + alert.count());
                        if (firing == 0 && alert.status() == Alert.Status.FIRING
                                && alert.pattern() == Alert.Pattern.MASS_REMOVAL) {
                            firing = System.nanoTime();
                        }
                    }
                    explained += disappearances.poll(Duration.ofMillis(20)).count();
                    if (allOut == 0 && explained >= MASS_REMOVAL) {
                        allOut = System.nanoTime();
                    }
                }
                collector.join();
                print("published (sent and acknowledged) after %s", seconds(published.get() - start));
                print("MASS_REMOVAL FIRING visible (read_committed) after %s", firing == 0 ? "never" : seconds(firing - start));
                print("all %,d disappearances visible after %s (%,d seen)", MASS_REMOVAL,
                        allOut == 0 ? "never" : seconds(allOut - start), explained);
                print("alerts: %d %s: %s", said.size(), byStatus, said);
                print("RESULT mass removal of %,d: alert after %s, all processed after %s, %d alerts; load %s",
                        MASS_REMOVAL, firing == 0 ? "never" : seconds(firing - start),
                        allOut == 0 ? "never" : seconds(allOut - start), said.size(), load());
            }
        }
    }

    private Duration produceTraffic(ChildBroker broker) {
        try (KafkaProducer<String, MailboxEvent> producer = producer(broker)) {
            Duration span = new MailboxTraffic(ACCOUNTS).generate(EVENTS, event -> producer.send(record(event)));
            producer.flush();
            return span;
        }
    }

    private double passThrough(ChildBroker broker, String applicationId) throws Exception {
        Topology topology = new Topology();
        topology.addSource("source", new ByteArrayDeserializer(), new ByteArrayDeserializer(), Topics.MAILBOX_EVENTS.name());
        topology.addSink("sink", PASS_THROUGH, new ByteArraySerializer(), new ByteArraySerializer(), "source");
        try (StreamsRun run = StreamsRun.start(topology, applicationId, broker.bootstrapServers())) {
            return drain(run, "pass-through (exactly_once_v2, source -> sink, bytes)");
        }
    }

    private double drain(StreamsRun run, String what) throws Exception {
        long running = run.awaitRunning(Duration.ofMinutes(2));
        long drained = run.awaitDrained(Topics.MAILBOX_EVENTS.name(), DRAIN_TIMEOUT);
        double perSecond = EVENTS / ((drained - running) / 1e9);
        print("%s: %,d events in %s from RUNNING, %,.0f events/s; load %s", what, EVENTS, seconds(drained - running),
                perSecond, load());
        return perSecond;
    }

    private static KafkaProducer<String, MailboxEvent> producer(ChildBroker broker) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
                Topics.MAILBOX_EVENTS.keySerde().serializer(), Topics.MAILBOX_EVENTS.valueSerde().serializer());
    }

    private static ProducerRecord<String, MailboxEvent> record(MailboxEvent event) {
        return new ProducerRecord<>(Topics.MAILBOX_EVENTS.name(), null, event.observedAt().toEpochMilli(),
                event.account(), event);
    }

    private static <V> KafkaConsumer<String, V> readCommitted(ChildBroker broker, Topic<String, V> topic) {
        KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                .map(info -> new TopicPartition(topic.name(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /** Records a read_committed consumer reads from {@code topic} (transaction markers take offsets but are no records). */
    private static long count(ChildBroker broker, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long records = 0;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                records += consumer.poll(Duration.ofMillis(200)).count();
            }
            return records;
        }
    }

    private static void createTopic(ChildBroker broker, String name) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            int partitions = admin.describeTopics(List.of(Topics.MAILBOX_EVENTS.name())).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(Topics.MAILBOX_EVENTS.name()).partitions().size();
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)
                    .configs(Map.of(org.apache.kafka.common.config.TopicConfig.RETENTION_MS_CONFIG, "-1")))).all().get(30, TimeUnit.SECONDS);
            print("topics: %d partitions each", partitions);
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static Map<String, String> inMib(Map<String, Double> bytes) {
        Map<String, String> mib = new java.util.TreeMap<>();
        bytes.forEach((store, value) -> mib.put(store, String.format("%.1f", value / (1024 * 1024))));
        return mib;
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / (1024.0 * 1024));
    }

    private static String seconds(long nanos) {
        return String.format("%.2f s", nanos / 1e9);
    }

    private static void print(String format, Object... args) {
        System.out.println("benchmark " + String.format(format, args));
    }
}
