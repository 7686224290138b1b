package io.vanishwatch.systemtest;

import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vanishwatch.events.Topics;
import io.vanishwatch.kafka.embedded.EmbeddedKafka;
import io.vanishwatch.launcher.services.ServiceProcess;
import io.vanishwatch.local.mail.DovecotServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

/**
 * How long accounts go unwatched when collectors come and go ({@code assignment=group}): two packaged collectors
 * share N accounts on Dovecot (one IMAP connection each, so that N stays below the machine's inotify limit); then one
 * is killed with SIGKILL, a third joins, and the survivor stops cleanly. Prints figures; it is not a test that fails
 * on a slow machine, and the default build does not run it:
 * {@code mvn -B -pl system-tests -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=CollectorTakeoverBenchmark -Dbenchmark.accounts=100}
 */
class CollectorTakeoverBenchmark {

    private static final String PASSWORD = "takeover-password";
    private static final Duration LIMIT = Duration.ofMinutes(5);

    @Test
    void printTakeoverTimes() throws Exception {
        assumeThat(DovecotServer.isInstalled()).as(DovecotServer.notInstalledMessage()).isTrue();
        int perPartition = Math.max(1, Integer.getInteger("benchmark.accounts", 100) / 3);
        Duration session = Duration.ofSeconds(Long.getLong("benchmark.session-seconds", 10));
        Path runDir = Files.createTempDirectory("vanishwatch-takeover-");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(runDir.resolve("kafka")).createVanishwatchTopics()) {
            int partitions;
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.bootstrapServers()))) {
                partitions = admin.describeTopics(List.of(Topics.MAILBOX_EVENTS.name())).allTopicNames().get()
                        .get(Topics.MAILBOX_EVENTS.name()).partitions().size();
            }
            List<String> accounts = CollectorGroup.accountsPerPartition(partitions, perPartition);
            Map<String, String> users = new HashMap<>();
            accounts.forEach(account -> users.put(account, PASSWORD));
            // room for every account's connection, and for the dead collector's until Dovecot sees them close
            try (DovecotServer dovecot = DovecotServer.start(runDir.resolve("dovecot"), users,
                    DovecotServer.Options.DEFAULTS.withConnections(2 * accounts.size() + 50))) {
                CollectorGroup group = new CollectorGroup(kafka.bootstrapServers(), dovecot, runDir, PASSWORD);
                Path config = group.writeConfig("takeover", "takeover", accounts, Map.of(
                        "vanishwatch.collector.group.session-timeout", session.toSeconds() + "s",
                        "vanishwatch.collector.max-connections-per-account", "1"));
                System.out.printf("%d accounts on %d partitions, session timeout %s, default login pacing%n",
                        accounts.size(), partitions, session);

                Instant start = Instant.now();
                try (ServiceProcess first = group.start("first", config);
                     ServiceProcess second = group.start("second", config)) {
                    Map<String, java.util.Set<String>> shares = CollectorGroup.awaitSplit(
                            Map.of("first", first, "second", second), accounts, LIMIT);
                    System.out.printf("two collectors started: all watched, split %d/%d, after %d ms%n",
                            shares.get("first").size(), shares.get("second").size(), since(start));

                    second.kill();
                    Instant killed = Instant.now();
                    await().atMost(LIMIT).pollInterval(Duration.ofMillis(100))
                            .until(() -> CollectorGroup.connected(first).keySet().containsAll(accounts));
                    System.out.printf("SIGKILL of one: the other watched all %d accounts after %d ms%n",
                            accounts.size(), since(killed));

                    try (ServiceProcess third = group.start("third", config)) {
                        Instant joined = Instant.now();
                        CollectorGroup.awaitSplit(Map.of("first", first, "third", third), accounts, LIMIT);
                        System.out.printf("a third joined (live): shares moved and all watched after %d ms%n",
                                since(joined));
                        Instant stopping = Instant.now();
                        first.close();
                        await().atMost(LIMIT).pollInterval(Duration.ofMillis(100))
                                .until(() -> CollectorGroup.connected(third).keySet().containsAll(accounts));
                        System.out.printf("a clean stop (SIGTERM) of one: the other watched all after %d ms%n",
                                since(stopping));
                    }
                }
            }
        }
    }

    private static long since(Instant start) {
        return Duration.between(start, Instant.now()).toMillis();
    }
}
