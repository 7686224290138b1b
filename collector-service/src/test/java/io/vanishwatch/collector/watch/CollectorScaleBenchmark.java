package io.vanishwatch.collector.watch;

import static io.vanishwatch.collector.watch.ProcessFigures.cpuSeconds;
import static io.vanishwatch.collector.watch.ProcessFigures.inotifyInstances;
import static io.vanishwatch.collector.watch.ProcessFigures.load;
import static io.vanishwatch.collector.watch.ProcessFigures.pss;
import static io.vanishwatch.collector.watch.ProcessFigures.rss;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.management.OperatingSystemMXBean;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vanishwatch.collector.checkpoint.CheckpointStore;
import io.vanishwatch.collector.config.AccountSettings;
import io.vanishwatch.collector.config.CollectorConfig;
import io.vanishwatch.collector.config.CollectorSettings;
import io.vanishwatch.collector.config.Password;
import io.vanishwatch.collector.config.Security;
import io.vanishwatch.collector.imap.AngusImapConnector;
import io.vanishwatch.collector.publish.KafkaEventPublisher;
import io.vanishwatch.collector.publish.PublishException;
import io.vanishwatch.collector.sync.FolderState;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.Topics;
import io.vanishwatch.local.kafka.KafkaTestResource;
import io.vanishwatch.local.mail.DovecotServer;

/**
 * Not a test (its name keeps it out of {@code mvn verify}): one collector's watches, as {@code Watches} starts them
 * with every default setting, against a real Dovecot with 1, 100 and 1,000 accounts of four folders each, publishing
 * to the embedded broker. Prints threads, heap, idle CPU, connections, the time until every account is watched, and
 * the arrival → event latency while mail is appended to a tenth of the accounts. See docs/benchmarks.md.
 */
class CollectorScaleBenchmark {

    private static final int[] SIZES = Arrays.stream(System.getProperty("benchmark.accounts", "1,100,1000").split(","))
            .map(String::trim).mapToInt(Integer::parseInt).toArray();
    private static final Duration IDLE = Duration.ofSeconds(Long.getLong("benchmark.idle-seconds", 65));
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 5);
    /** Dovecot's mailbox_idle_check_interval (its default 30 s when unset), e.g. {@code 1s}. */
    private static final Duration IDLE_CHECK = Optional.ofNullable(System.getProperty("benchmark.dovecot-idle-check"))
            .map(v -> new DurationConverter().convert(v)).orElse(null);
    /** Messages per account written into the maildirs before the watches start (70 % INBOX, 10 % each other). */
    private static final int MESSAGES = Integer.getInteger("benchmark.messages", 0);
    /** Whether to stop the watches and start them again on the states restored from the checkpoints. */
    private static final boolean RESTART = Boolean.parseBoolean(System.getProperty("benchmark.restart",
            Boolean.toString(MESSAGES > 0)));
    private static final Duration WATCH_TIMEOUT = Duration.ofMinutes(Long.getLong("benchmark.watch-minutes", 20));
    private static final Map<String, String> FOLDERS = new LinkedHashMap<>();

    static {
        FOLDERS.put("Junk", "\\Junk");
        FOLDERS.put("Trash", "\\Trash");
        FOLDERS.put("Archive", "\\Archive");
    }

    @TempDir
    Path dir;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    @Test
    void oneCollectorWithManyAccounts() throws Exception {
        String bootstrap = KafkaTestResource.kafka().bootstrapServers();
        System.out.printf("benchmark collector scale: sizes %s, %d messages per account, restart phase %s, idle"
                + " window %d s, %d rounds of mail, %d cores, max heap %d MiB, fs.inotify.max_user_instances %s,"
                + " load %s%n", Arrays.toString(SIZES), MESSAGES, RESTART ? "yes" : "no", IDLE.toSeconds(), ROUNDS,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                inotifyInstances(), load());
        for (int size : SIZES) {
            run(bootstrap, size);
        }
    }

    private void run(String bootstrap, int accounts) throws Exception {
        Map<String, String> users = new TreeMap<>();
        for (int i = 0; i < accounts; i++) {
            users.put("user" + i, "pw" + i);
        }
        String id = UUID.randomUUID().toString();
        Map<String, String> properties = Map.of(
                "vanishwatch.collector.transactional-id", "scale-benchmark-" + id,
                "vanishwatch.collector.checkpoint-topic", "scale-benchmark-checkpoints-" + id);
        SmallRyeConfig smallRye = new SmallRyeConfigBuilder().withMapping(CollectorConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "benchmark", 500)).build();
        CollectorConfig config = smallRye.getConfigMapping(CollectorConfig.class);
        CollectorSettings settings = CollectorSettings.from(config, name -> null);
        WatchSettings timing = WatchSettings.of(settings);

        Path work = Files.createDirectories(dir.resolve("dovecot-" + accounts));
        long dovecotBegin = System.nanoTime();
        DovecotServer dovecot = DovecotServer.start(work, users,
                DovecotServer.Options.DEFAULTS.withMailboxes(FOLDERS).withConnections(2 * accounts + 50)
                        .withIdleCheckInterval(IDLE_CHECK));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "imap-idle-timer");
            t.setDaemon(true);
            return t;
        });
        KafkaEventPublisher publisher = new KafkaEventPublisher(bootstrap, config, new SimpleMeterRegistry());
        List<Watch> watches = new ArrayList<>();
        AtomicReference<Throwable> fatal = new AtomicReference<>();
        Thread.UncaughtExceptionHandler previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            fatal.compareAndSet(null, e);
            System.out.printf("benchmark collector scale %d: %s in thread %s (heap used %.1f MiB, load %s)%n",
                    accounts, e, thread.getName(), mib(memory.getHeapMemoryUsage().getUsed()), load());
        });
        try (ArrivalClock arrivals = new ArrivalClock(bootstrap)) {
            System.out.printf("benchmark collector scale %d: Dovecot with %d users up in %d ms%n", accounts, accounts,
                    (System.nanoTime() - dovecotBegin) / 1_000_000);
            if (MESSAGES > 0) {
                MaildirFill.Filled filled = MaildirFill.fill(dovecot, List.copyOf(users.keySet()),
                        List.copyOf(FOLDERS.keySet()), MESSAGES);
                System.out.printf("benchmark collector scale %d: filled the maildirs on disk with %d messages (%d per"
                        + " account: %s), %.1f MiB of mail, in %d ms (%.0f messages/s); load %s%n", accounts,
                        filled.messages(), MESSAGES, MaildirFill.spread(List.copyOf(FOLDERS.keySet()), MESSAGES),
                        mib(filled.bytes()), filled.millis(), filled.messages() * 1000.0 / Math.max(1, filled.millis()),
                        load());
            }
            new CheckpointStore(bootstrap, settings.checkpointTopic()).ensureTopic();
            publisher.start();

            int threadsBefore = threads.getThreadCount();
            long heapBefore = heapAfterGc();
            double brokerIdleCpu = cpuPerSecond(Duration.ofSeconds(10));

            LoginPacer pacer = new LoginPacer(settings.maxConcurrentLoginsPerServer(), settings.loginJitter(),
                    () -> ThreadLocalRandom.current().nextLong());
            AngusImapConnector connector = new AngusImapConnector(timing.longestIdle(), timer);
            double dovecotCpuBefore = cpuSeconds(dovecot.process());
            long begin = System.nanoTime();
            HeapPeak starting = new HeapPeak();
            watches.addAll(startWatches(accounts, dovecot, config, Map.of(), connector, publisher, timing, pacer));
            boolean allWatched = awaitWatched(watches, fatal);
            long allWatchedMs = (System.nanoTime() - begin) / 1_000_000;
            starting.close();
            double dovecotCpu = cpuSeconds(dovecot.process()) - dovecotCpuBefore;
            if (!allWatched) {
                System.out.printf("benchmark collector scale %d: NOT all watched after %d ms: %d of %d CONNECTED (%s);"
                        + " heap during the start: %s; load %s%n", accounts, allWatchedMs, connected(watches),
                        accounts, fatal.get() == null ? "timed out" : fatal.get(), starting.describe(), load());
                return;
            }
            int maxLogins = pacer.maxInProgress(LoginPacer.serverOf(dovecot.host(), dovecot.port()));

            long collectorCpu = collectorThreadsCpu();
            long idleBegin = System.nanoTime();
            double idleCpu = cpuPerSecond(IDLE);
            double collectorIdleCpu = (collectorThreadsCpu() - collectorCpu) / 1e6
                    / ((System.nanoTime() - idleBegin) / 1e9);
            int threadsWatching = threads.getThreadCount();
            long heapWatching = heapAfterGc();
            long known = knownMessages(watches);
            int connections = watches.stream().mapToInt(w -> w.watcher().connections()).sum();
            int dovecotConnections = dovecot.loggedInConnections();
            long reconnects = watches.stream().mapToLong(w -> w.watcher().reconnects()).sum();

            System.out.printf("benchmark collector scale %d: all %d accounts CONNECTED after %d ms (jitter %s, at most"
                    + " %d logins at once, %d seen); %d reconnects; load %s%n", accounts, accounts, allWatchedMs,
                    Durations.human(settings.loginJitter()), settings.maxConcurrentLoginsPerServer(), maxLogins,
                    reconnects, load());
            System.out.printf("benchmark collector scale %d: threads %d (%d before the watches, +%d); heap after GC"
                    + " %.1f MiB (%.1f MiB before, +%.1f MiB = %.1f KiB per account); IMAP connections %d (collector)"
                    + " / %d (doveadm who)%n", accounts, threadsWatching, threadsBefore,
                    threadsWatching - threadsBefore, mib(heapWatching), mib(heapBefore),
                    mib(heapWatching - heapBefore), (heapWatching - heapBefore) / 1024.0 / accounts, connections,
                    dovecotConnections);
            System.out.printf("benchmark collector scale %d: %d messages known in the folder states (%d written);"
                    + " heap per known message %s; JVM RSS %.0f MiB; heap during the first start: %s; Dovecot's CPU"
                    + " for the logins and first syncs %.1f s; load %s%n", accounts, known,
                    (long) MESSAGES * accounts, known == 0 ? "-" : String.format("%.1f bytes (the watches' whole"
                            + " heap over the messages)", (double) (heapWatching - heapBefore) / known),
                    mib(rss()), starting.describe(), dovecotCpu, load());
            System.out.printf("benchmark collector scale %d: idle CPU over %d s: the collector's threads %.2f ms/s"
                    + " = %.4f ms/s per account; the whole JVM %.1f ms/s (%.1f ms/s with the broker alone)%n",
                    accounts, IDLE.toSeconds(), collectorIdleCpu, collectorIdleCpu / accounts, idleCpu,
                    brokerIdleCpu);
            System.out.printf("benchmark collector scale %d: Dovecot %d processes, %.0f MiB PSS%n", accounts,
                    dovecot.process().descendants().count() + 1, mib(pss(dovecot.process())));

            long flowBegin = System.nanoTime();
            List<String> ids = mailFlow(dovecot, accounts, arrivals);
            long flowMs = (System.nanoTime() - flowBegin) / 1_000_000;
            List<Long> latencies = ids.stream().map(arrivals::latencyMs).sorted().toList();
            List<Long> observed = ids.stream().map(arrivals::observedMs).sorted().toList();
            List<Long> published = ids.stream().map(arrivals::publishedMs).sorted().toList();
            System.out.printf("benchmark collector scale %d: arrival → ARRIVED event (read_committed) over %d"
                    + " messages into %d accounts (appended in %d ms): p50 %d ms, p90 %d ms, p99 %d ms, max %d ms;"
                    + " load %s%n", accounts, latencies.size(), Math.max(1, accounts / 10), flowMs,
                    percentile(latencies, 50), percentile(latencies, 90), percentile(latencies, 99),
                    percentile(latencies, 100), load());
            System.out.printf("benchmark collector scale %d: of which arrival → observedAt p50 %d / p99 %d ms,"
                    + " observedAt → read p50 %d / p99 %d ms; first tenth of the messages p50 %d ms, last tenth"
                    + " p50 %d ms%n", accounts, percentile(observed, 50), percentile(observed, 99),
                    percentile(published, 50), percentile(published, 99),
                    percentile(ids.subList(0, Math.max(1, ids.size() / 10)).stream().map(arrivals::latencyMs)
                            .sorted().toList(), 50),
                    percentile(ids.subList(ids.size() - Math.max(1, ids.size() / 10), ids.size()).stream()
                            .map(arrivals::latencyMs).sorted().toList(), 50));
            List<String> inotify = dovecot.logLines().stream().filter(l -> l.contains("notify instance limit")).toList();
            System.out.printf("benchmark collector scale %d: Dovecot's mailbox_idle_check_interval %s; %d log lines"
                    + " about the inotify instance limit%s (fs.inotify.max_user_instances %s)%n", accounts,
                    IDLE_CHECK == null ? "30s (default)" : Durations.human(IDLE_CHECK), inotify.size(),
                    inotify.isEmpty() ? "" : ", e.g. " + inotify.get(0), inotifyInstances());
            if (RESTART) {
                restart(accounts, bootstrap, settings, dovecot, config, watches, connector, publisher, timing, pacer,
                        heapBefore, fatal);
            }
        } catch (OutOfMemoryError e) {
            System.out.printf("benchmark collector scale %d: %s in the benchmark's thread (heap used %.1f MiB, load"
                    + " %s)%n", accounts, e, mib(memory.getHeapMemoryUsage().getUsed()), load());
        } finally {
            stop(watches);
            publisher.close();
            timer.shutdownNow();
            dovecot.close();
            Thread.setDefaultUncaughtExceptionHandler(previousHandler);
        }
    }

    /**
     * Stops the watches and reads every account's folder states back from the checkpoint topic, as a restarted
     * collector does ({@code Watches}: stop, commit, then {@code CheckpointStore.restore} and start on the restored
     * states); prints the restore time, the heap's peak meanwhile and the heap once all are watched again.
     */
    private void restart(int accounts, String bootstrap, CollectorSettings settings, DovecotServer dovecot,
                         CollectorConfig config, List<Watch> watches, AngusImapConnector connector,
                         KafkaEventPublisher publisher, WatchSettings timing, LoginPacer pacer, long heapBefore,
                         AtomicReference<Throwable> fatal) throws InterruptedException, PublishException {
        long stopBegin = System.nanoTime();
        stop(watches);
        publisher.flush();
        long stopMs = (System.nanoTime() - stopBegin) / 1_000_000;
        watches.clear();
        long heapStopped = heapAfterGc();
        System.out.printf("benchmark collector scale %d: restart: %d watches stopped and committed in %d ms; heap after"
                + " GC %.1f MiB; load %s%n", accounts, accounts, stopMs, mib(heapStopped), load());

        List<String> ids = IntStream.range(0, accounts).mapToObj(i -> "scale" + i).toList();
        HeapPeak restoring = new HeapPeak();
        long begin = System.nanoTime();
        Map<String, Map<String, FolderState>> restored = new CheckpointStore(bootstrap, settings.checkpointTopic())
                .restore(ids);
        long restoreMs = (System.nanoTime() - begin) / 1_000_000;
        long restoredMessages = restored.values().stream().flatMap(folders -> folders.values().stream())
                .mapToLong(state -> state.messages().size()).sum();
        int restoredFolders = restored.values().stream().mapToInt(Map::size).sum();
        int restoredAccounts = restored.size();
        String duringRead = restoring.describe();
        long heapRestored = heapAfterGc(); // outside the timings
        long startBegin = System.nanoTime();
        watches.addAll(startWatches(accounts, dovecot, config, restored, connector, publisher, timing, pacer));
        restored = null;
        boolean allWatched = awaitWatched(watches, fatal);
        long againMs = (System.nanoTime() - startBegin) / 1_000_000;
        restoring.close();
        System.out.printf("benchmark collector scale %d: restart: read the checkpoints of %d accounts (%d folders, %d"
                + " messages) in %d ms; heap meanwhile: %s; heap after GC with the restored states held %.1f MiB"
                + " (+%.1f MiB over the collector without watches); load %s%n", accounts, restoredAccounts,
                restoredFolders, restoredMessages, restoreMs, duringRead, mib(heapRestored),
                mib(heapRestored - heapBefore), load());
        if (!allWatched) {
            System.out.printf("benchmark collector scale %d: restart: NOT all watched again after %d ms: %d of %d"
                    + " CONNECTED (%s); heap from the restore on: %s; load %s%n", accounts, againMs,
                    connected(watches), accounts, fatal.get() == null ? "timed out" : fatal.get(),
                    restoring.describe(), load());
            return;
        }
        long heapAgain = heapAfterGc();
        long known = knownMessages(watches);
        System.out.printf("benchmark collector scale %d: restart: all %d accounts CONNECTED again %d ms after the"
                + " restore (%d ms from its start); heap from the restore until all watched: %s; heap after GC %.1f MiB"
                + " (+%.1f MiB, %s per known message, %d known; over the heap with the watches stopped +%.1f MiB, %s"
                + " per known message); JVM RSS %.0f MiB; load %s%n", accounts, accounts, againMs,
                restoreMs + againMs, restoring.describe(), mib(heapAgain), mib(heapAgain - heapBefore),
                perMessage(heapAgain - heapBefore, known), known, mib(heapAgain - heapStopped),
                perMessage(heapAgain - heapStopped, known), mib(rss()), load());
    }

    private static String perMessage(long bytes, long messages) {
        return messages == 0 ? "-" : String.format("%.1f bytes", (double) bytes / messages);
    }

    /** A running watch and its thread. */
    private record Watch(AccountWatcher watcher, Thread thread) {
    }

    /** Starts one watch per account, on the restored states where given, as {@code Watches} does. */
    private static List<Watch> startWatches(int accounts, DovecotServer dovecot, CollectorConfig config,
                                            Map<String, Map<String, FolderState>> restored,
                                            AngusImapConnector connector, KafkaEventPublisher publisher,
                                            WatchSettings timing, LoginPacer pacer) {
        List<Watch> watches = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            AccountSettings account = new AccountSettings("scale" + i, dovecot.host(), dovecot.port(),
                    Security.PLAIN, true, "user" + i, new Password("pw" + i), "INBOX", Optional.empty(),
                    Optional.empty(), List.of(), config.maxConnectionsPerAccount());
            AccountWatcher watcher = new AccountWatcher(account, restored.getOrDefault(account.id(), Map.of()),
                    connector, publisher, timing, Clock.systemUTC(), Pause.REAL, pacer);
            Thread thread = new Thread(watcher, "watch-" + account.id());
            thread.setDaemon(true);
            watches.add(new Watch(watcher, thread));
        }
        watches.forEach(watch -> watch.thread().start());
        return watches;
    }

    /** Whether every watch is CONNECTED (its first sync published) before the time runs out or a thread dies. */
    private static boolean awaitWatched(List<Watch> watches, AtomicReference<Throwable> fatal) {
        try {
            Awaitility.await().atMost(WATCH_TIMEOUT).pollInterval(Duration.ofMillis(50))
                    .until(() -> fatal.get() != null || connected(watches) == watches.size());
        } catch (ConditionTimeoutException tooLong) {
            return false;
        }
        return fatal.get() == null;
    }

    private static long connected(List<Watch> watches) {
        return watches.stream().filter(w -> w.watcher().status().state() == WatchStatus.State.CONNECTED).count();
    }

    private static long knownMessages(List<Watch> watches) {
        return watches.stream().flatMap(w -> w.watcher().states().values().stream())
                .mapToLong(state -> state.messages().size()).sum();
    }

    /** Stops the watches as {@code Watches} does: all asked to stop and interrupted, then each awaited. */
    private static void stop(List<Watch> watches) throws InterruptedException {
        watches.forEach(watch -> watch.watcher().stop());
        watches.forEach(watch -> watch.thread().interrupt());
        for (Watch watch : watches) {
            watch.thread().join(10_000);
        }
    }

    /** Appends messages round by round to every tenth account; returns each one's time until its event was read. */
    private static List<String> mailFlow(DovecotServer dovecot, int accounts, ArrivalClock arrivals) throws Exception {
        Session session = Session.getInstance(new Properties());
        List<String> ids = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < accounts; i += 10) {
                MimeMessage message = new MimeMessage(session);
                message.setFrom(new InternetAddress("sender@example.org"));
                message.setRecipient(Message.RecipientType.TO, new InternetAddress("user" + i + "@example.org"));
                message.setSubject("scale " + round + " " + i);
                message.setText("hello");
                message.saveChanges();
                String messageId = message.getMessageID();
                dovecot.append("user" + i, "pw" + i, "INBOX", message);
                arrivals.arrived(messageId);
                ids.add(messageId);
            }
        }
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> ids.stream().allMatch(arrivals::seen));
        return ids;
    }

    /** CPU time (ns) of the collector's own threads: the watches, the IDLE timer and the publisher's producer. */
    private long collectorThreadsCpu() {
        long total = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            String name = info.getThreadName();
            if (name.startsWith("watch-") || name.equals("imap-idle-timer") || name.equals("kafka-publisher")
                    || name.contains("kafka-producer-network-thread | vanishwatch-collector")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    private long heapAfterGc() {
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** The process's CPU time per second of wall time over {@code window}, in ms/s. */
    private double cpuPerSecond(Duration window) throws InterruptedException {
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        Thread.sleep(window.toMillis()); // measuring an idle process: there is nothing to await
        return (os.getProcessCpuTime() - cpu) / 1e6 / ((System.nanoTime() - wall) / 1e9);
    }

    private static double mib(long bytes) {
        return bytes / 1024.0 / 1024.0;
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** Reads the mailbox events as committed and notes when each appended message's ARRIVED event was read. */
    private static final class ArrivalClock implements AutoCloseable {

        private final Map<String, Long> appendedAt = new ConcurrentHashMap<>();
        private final Map<String, Long> appendedAtMillis = new ConcurrentHashMap<>();
        private final Map<String, Long> readAt = new ConcurrentHashMap<>();
        private final Map<String, Long> readAtMillis = new ConcurrentHashMap<>();
        private final Map<String, Long> observedAtMillis = new ConcurrentHashMap<>();
        private final Thread reader;
        private volatile boolean running = true;

        ArrivalClock(String bootstrap) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            KafkaConsumer<String, MailboxEvent> consumer = new KafkaConsumer<>(p,
                    Topics.MAILBOX_EVENTS.keySerde().deserializer(), Topics.MAILBOX_EVENTS.valueSerde().deserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.MAILBOX_EVENTS.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            reader = new Thread(() -> {
                try (consumer) {
                    while (running) {
                        for (ConsumerRecord<String, MailboxEvent> record : consumer.poll(Duration.ofMillis(100))) {
                            MailboxEvent event = record.value();
                            if (event.type() == MailboxEvent.Type.ARRIVED && event.messageId() != null) {
                                if (readAt.putIfAbsent(event.messageId(), System.nanoTime()) == null) {
                                    readAtMillis.put(event.messageId(), System.currentTimeMillis());
                                    observedAtMillis.put(event.messageId(), event.observedAt().toEpochMilli());
                                }
                            }
                        }
                    }
                }
            }, "benchmark-arrivals");
            reader.setDaemon(true);
            reader.start();
        }

        void arrived(String messageId) {
            appendedAt.put(messageId, System.nanoTime());
            appendedAtMillis.put(messageId, System.currentTimeMillis());
        }

        /** From the append until the collector observed the message (by the event's observedAt). */
        long observedMs(String messageId) {
            return observedAtMillis.get(messageId) - appendedAtMillis.get(messageId);
        }

        /** From the collector's observation until the committed event was read. */
        long publishedMs(String messageId) {
            return readAtMillis.get(messageId) - observedAtMillis.get(messageId);
        }

        boolean seen(String messageId) {
            return readAt.containsKey(messageId);
        }

        long latencyMs(String messageId) {
            return (readAt.get(messageId) - appendedAt.get(messageId)) / 1_000_000;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            reader.join(5_000);
        }
    }
}
