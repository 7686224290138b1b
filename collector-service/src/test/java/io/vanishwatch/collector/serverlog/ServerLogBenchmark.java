package io.vanishwatch.collector.serverlog;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vanishwatch.collector.config.CollectorConfig;
import io.vanishwatch.collector.publish.KafkaEventPublisher;
import io.vanishwatch.local.kafka.KafkaTestResource;

/**
 * Not a test (its name keeps it out of {@code mvn verify}): lines per second of a generated Dovecot log, parsed and
 * joined, then followed and published to the embedded broker. See docs/benchmarks.md.
 */
class ServerLogBenchmark {

    private static final int LINES = Integer.getInteger("benchmark.lines", 1_000_000);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MMM dd HH:mm:ss", Locale.ROOT);

    @TempDir
    Path dir;

    /** Ten lines a session, like a device's: ID, login, a save, a flag change, a move, a delete, the disconnect. */
    private static Path generate(Path file) throws IOException {
        LocalDateTime time = LocalDateTime.of(2026, 11, 28, 0, 0);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int session = 0, lines = 0; lines < LINES; session++) {
                String at = STAMP.format(time.plusSeconds(session / 20));
                String user = session % 3 == 0 ? "stranger" + session % 50 : "user" + session % 200;
                String id = String.format("S%011d/AAAB", session);
                String ip = "192.0.2." + session % 250;
                String process = "imap(" + user + ")<" + (1000 + session % 30000) + "><" + id + "> rip=" + ip + ": Info: ";
                String mail = ", msgid=<m" + session + "@example.org>, size=2048, from=a@example.org, subject=Hello";
                String[] session10 = {
                    at + " imap-login: Info: ID sent: name=Mac OS X Mail, version=16.0: user=<>, rip=" + ip
                            + ", rport=50000, lip=192.0.2.1, session=<" + id + ">",
                    at + " imap-login: Info: Login: user=<" + user + ">, method=PLAIN, rip=" + ip
                            + ", rport=50000, lip=192.0.2.1, mpid=1000, session=<" + id + ">",
                    at + " " + process + "save: box=INBOX, uid=" + session + mail + ", flags=()",
                    at + " " + process + "flag_change: box=INBOX, uid=" + session + mail + ", flags=(\\Seen)",
                    at + " " + process + "copy from INBOX: box=Junk, uid=" + session + mail + ", flags=(\\Seen)",
                    at + " " + process + "expunge: box=INBOX, uid=" + session + mail + ", flags=(\\Seen)",
                    at + " " + process + "delete: box=Junk, uid=" + session + mail + ", flags=(\\Deleted \\Seen)",
                    at + " " + process + "expunge: box=Junk, uid=" + session + mail + ", flags=(\\Deleted \\Seen)",
                    at + " " + process + "Disconnected: Logged out in=592 out=1638 deleted=1 expunged=1",
                    at + " imap-login: Info: some line this parser does not know"};
                for (String line : session10) {
                    out.write(line);
                    out.write('\n');
                    lines++;
                }
            }
        }
        return file;
    }

    private static Map<String, String> users() {
        Map<String, String> users = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            users.put("user" + i, "account" + i % 20);
        }
        return users;
    }

    @Test
    void linesPerSecond() throws Exception {
        Path log = generate(dir.resolve("dovecot.log"));
        long bytes = Files.size(log);
        for (int round = 1; round <= 3; round++) {
            long begin = System.nanoTime();
            int lines = 0;
            int events = 0;
            DovecotLogParser parser = new DovecotLogParser(ZoneOffset.UTC, Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC));
            SessionJoiner joiner = new SessionJoiner(users(), "dovecot", Duration.ofHours(8), 100_000);
            try (FileLogLines follower = FileLogLines.open(log, null, false)) {
                for (LogLines.Batch batch = follower.poll(2000); !batch.lines().isEmpty(); batch = follower.poll(2000)) {
                    for (LogLines.Line line : batch.lines()) {
                        lines++;
                        if (joiner.accept(parser.parse(line.text()).orElse(null), line.identity()).event() != null) {
                            events++;
                        }
                    }
                }
            }
            double seconds = (System.nanoTime() - begin) / 1e9;
            System.out.printf(Locale.ROOT, "benchmark server log parse+join round %d: %d lines (%d MB) -> %d events in"
                    + " %.2f s = %.0f lines/s%n", round, lines, bytes >> 20, events, seconds, lines / seconds);
        }
        if (Boolean.parseBoolean(System.getProperty("benchmark.publish", "true"))) {
            publish(log, bytes);
        }
    }

    private void publish(Path log, long bytes) {
        String id = UUID.randomUUID().toString();
        String bootstrap = KafkaTestResource.kafka().bootstrapServers();
        Map<String, String> properties = new HashMap<>();
        properties.put("vanishwatch.collector.server-log.path", log.toString());
        properties.put("vanishwatch.collector.server-log.start-at", "beginning");
        properties.put("vanishwatch.collector.server-log.time-zone", "UTC");
        users().forEach((user, account) -> properties.put("vanishwatch.collector.server-log.users." + user, account));
        properties.put("vanishwatch.collector.transactional-id", "server-log-benchmark-" + id);
        properties.put("vanishwatch.collector.checkpoint-topic", "server-log-benchmark-checkpoints-" + id);
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(CollectorConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "benchmark", 500)).build();
        ServerLogFollower follower = new ServerLogFollower();
        follower.config = config.getConfigMapping(CollectorConfig.class);
        follower.registry = new SimpleMeterRegistry();
        follower.bootstrapServers = bootstrap;
        follower.publisher = new KafkaEventPublisher(bootstrap, follower.config, follower.registry);
        long begin = System.nanoTime();
        follower.start(null);
        try {
            Awaitility.await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> follower.published() != null && follower.published().offset() == bytes);
            double seconds = (System.nanoTime() - begin) / 1e9;
            double events = follower.registry.find("vanishwatch.collector.server_log.events.published").counters()
                    .stream().mapToDouble(c -> c.count()).sum();
            System.out.printf(Locale.ROOT, "benchmark server log published: %d lines -> %.0f events committed to %s"
                    + " in %.2f s (incl. producer start) = %.0f lines/s, %.0f events/s%n", LINES, events,
                    "the embedded broker", seconds, LINES / seconds, events / seconds);
        } finally {
            follower.stop(null);
        }
    }
}
