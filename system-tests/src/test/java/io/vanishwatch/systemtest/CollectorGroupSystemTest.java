package io.vanishwatch.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.Topics;
import io.vanishwatch.kafka.embedded.EmbeddedKafka;
import io.vanishwatch.launcher.services.ServiceProcess;
import io.vanishwatch.local.mail.DovecotServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Collectors sharing the accounts through Kafka's group membership ({@code assignment=group}), on a real broker and
 * Dovecot, each collector a packaged service in its own JVM: the accounts are split between them, a collector killed
 * with SIGKILL has its accounts watched again by the other within seconds, every removal made meanwhile is reported
 * once, and accounts added to or removed from the configuration file are taken without a restart.
 */
class CollectorGroupSystemTest {

    private static final String PASSWORD = "group-test-password";
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);
    private static final Map<String, String> SETTINGS = Map.of(
            "vanishwatch.collector.group.session-timeout", SESSION_TIMEOUT.toSeconds() + "s",
            "vanishwatch.collector.login-jitter", "0s",
            "vanishwatch.collector.config-reload-interval", "1s");
    /** Session timeout, the dead member's open transaction timing out, the checkpoints read, the logins: generous. */
    private static final Duration TAKEOVER_LIMIT = Duration.ofSeconds(60);

    private static Path runDir;
    private static EmbeddedKafka kafka;
    private static DovecotServer dovecot;
    private static CollectorGroup collectors;
    /** Two accounts in each partition of the accounts topic, so that each collector is sure to get some. */
    private static List<String> accounts;
    private static final String LATE = "late-comer";

    @BeforeAll
    static void startKafkaAndDovecot() throws Exception {
        assumeThat(DovecotServer.isInstalled()).as(DovecotServer.notInstalledMessage()).isTrue();
        runDir = Files.createTempDirectory("vanishwatch-collector-group-");
        kafka = EmbeddedKafka.start(runDir.resolve("kafka")).createVanishwatchTopics();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            int partitions = admin.describeTopics(List.of(Topics.MAILBOX_EVENTS.name())).allTopicNames().get()
                    .get(Topics.MAILBOX_EVENTS.name()).partitions().size();
            accounts = CollectorGroup.accountsPerPartition(partitions, 2);
        }
        Map<String, String> users = new HashMap<>();
        accounts.forEach(account -> users.put(account, PASSWORD));
        users.put(LATE, PASSWORD);
        dovecot = DovecotServer.start(runDir.resolve("dovecot"), users);
        collectors = new CollectorGroup(kafka.bootstrapServers(), dovecot, runDir, PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (dovecot != null) {
            dovecot.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aKilledCollectorsAccountsAreTakenOverAndEveryRemovalMeanwhileIsReportedOnce() throws Exception {
        Path config = collectors.writeConfig("split", "collectors-split", accounts, SETTINGS);
        try (ServiceProcess first = collectors.start("first", config);
             ServiceProcess second = collectors.start("second", config);
             Events events = new Events(accounts)) {
            Map<String, Set<String>> shares = CollectorGroup.awaitSplit(Map.of("first", first, "second", second),
                    accounts, TAKEOVER_LIMIT);
            System.out.printf("accounts split between the collectors: %s%n", shares);
            assertThat(shares.get("first")).isNotEmpty();
            assertThat(shares.get("second")).isNotEmpty();

            Map<String, List<String>> delivered = new LinkedHashMap<>();
            for (String account : accounts) {
                delivered.put(account, new MailUser(dovecot, account).deliver("Order for " + account, 2));
            }
            events.await(MailboxEvent.Type.ARRIVED, delivered);

            second.kill();
            Instant killed = Instant.now();
            // removals while nobody watches the killed collector's accounts, and on the survivor's own
            Map<String, List<String>> removed = new LinkedHashMap<>();
            for (String account : accounts) {
                List<String> first2 = List.of(delivered.get(account).get(0));
                new MailUser(dovecot, account).expunge("INBOX", first2);
                removed.put(account, first2);
            }
            await().atMost(TAKEOVER_LIMIT).pollInterval(Duration.ofMillis(250))
                    .until(() -> CollectorGroup.connected(first).keySet().containsAll(accounts));
            Duration takeover = Duration.between(killed, Instant.now());
            System.out.printf("the survivor watched all %d accounts %d ms after the SIGKILL (session timeout %s)%n",
                    accounts.size(), takeover.toMillis(), SESSION_TIMEOUT);

            // a last message in each account: its arrival comes after anything the takeover reports about the removal
            Map<String, List<String>> markers = new LinkedHashMap<>();
            for (String account : accounts) {
                markers.put(account, new MailUser(dovecot, account).deliver("Marker for " + account, 1));
            }
            events.await(MailboxEvent.Type.ARRIVED, markers);
            for (String account : accounts) {
                String messageId = removed.get(account).get(0);
                assertThat(events.of(account).stream()
                        .filter(e -> e.type() == MailboxEvent.Type.REMOVED && messageId.equals(e.messageId())))
                        .as("removals of %s in %s", messageId, account).hasSize(1);
                assertThat(events.of(account).stream()
                        .filter(e -> e.type() == MailboxEvent.Type.ARRIVED && e.messageId() != null)
                        .map(MailboxEvent::messageId))
                        .as("arrivals in %s, each once", account).doesNotHaveDuplicates();
            }
        }
    }

    @Test
    void aCollectorFrozenLongerThanItsSessionPublishesNothingForTheAccountsItLost() throws Exception {
        Path config = collectors.writeConfig("frozen", "collectors-frozen", accounts, SETTINGS);
        try (ServiceProcess first = collectors.start("awake", config);
             ServiceProcess second = collectors.start("frozen", config);
             Events events = new Events(accounts)) {
            Map<String, Set<String>> shares = CollectorGroup.awaitSplit(Map.of("awake", first, "frozen", second),
                    accounts, TAKEOVER_LIMIT);
            List<String> frozenAccounts = List.copyOf(shares.get("frozen"));
            Map<String, List<String>> delivered = new LinkedHashMap<>();
            for (String account : frozenAccounts) {
                delivered.put(account, new MailUser(dovecot, account).deliver("Quote for " + account, 1));
            }
            events.await(MailboxEvent.Type.ARRIVED, delivered);

            signal("STOP", second);
            try {
                for (String account : frozenAccounts) {
                    new MailUser(dovecot, account).expunge("INBOX", delivered.get(account));
                }
                await().atMost(TAKEOVER_LIMIT).pollInterval(Duration.ofMillis(250))
                        .until(() -> CollectorGroup.connected(first).keySet().containsAll(accounts));
                events.await(MailboxEvent.Type.REMOVED, delivered);
            } finally {
                signal("CONT", second);
            }
            // woken up, the frozen collector still holds the IDLE connections that saw the expunges: whatever it
            // tries to publish for them is refused (its place in the group is out of date), and it learns that it
            // lost its accounts
            await().atMost(TAKEOVER_LIMIT).until(() -> second.logTail(400).contains("were given to another member"));
            Map<String, List<String>> markers = new LinkedHashMap<>();
            for (String account : frozenAccounts) {
                markers.put(account, new MailUser(dovecot, account).deliver("After the thaw", 1));
            }
            events.await(MailboxEvent.Type.ARRIVED, markers);
            for (String account : frozenAccounts) {
                String messageId = delivered.get(account).get(0);
                assertThat(events.of(account).stream()
                        .filter(e -> e.type() == MailboxEvent.Type.REMOVED && messageId.equals(e.messageId())))
                        .as("removals of %s in %s", messageId, account).hasSize(1);
            }
            // it rejoins the group as a new member: the accounts are split again, each watched by one of them
            CollectorGroup.awaitSplit(Map.of("awake", first, "frozen", second), accounts, TAKEOVER_LIMIT);
        }
    }

    private static void signal(String signal, ServiceProcess process) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor())
                .as("kill -%s", signal).isZero();
    }

    @Test
    void accountsAddedToAndRemovedFromTheFileAreTakenWithoutARestart() throws Exception {
        List<String> before = accounts.subList(0, 2);
        Path config = collectors.writeConfig("reload", "collectors-reload", before, SETTINGS);
        try (ServiceProcess collector = collectors.start("reload", config);
             Events events = new Events(List.of(LATE))) {
            await().atMost(TAKEOVER_LIMIT).until(() -> CollectorGroup.connected(collector).keySet().containsAll(before));

            List<String> after = List.of(before.get(1), LATE);
            Files.move(collectors.writeConfig("reload-next", "collectors-reload", after, SETTINGS), config, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            await().atMost(TAKEOVER_LIMIT).pollInterval(Duration.ofMillis(250))
                    .until(() -> CollectorGroup.readiness(collector).keySet().equals(new TreeSet<>(after))
                            && CollectorGroup.connected(collector).keySet().containsAll(after));

            List<String> toTheNewcomer = new MailUser(dovecot, LATE).deliver("Welcome", 1);
            events.await(MailboxEvent.Type.ARRIVED, Map.of(LATE, toTheNewcomer));

            // a file that does not pass is refused, and the watches go on as before
            Files.writeString(config, "vanishwatch.collector.accounts." + LATE + ".port=not-a-port\n",
                    java.nio.file.StandardOpenOption.APPEND);
            await().atMost(TAKEOVER_LIMIT).until(() -> collector.logTail(200).contains("the change is refused"));
            assertThat(collector.logTail(200)).contains("vanishwatch.collector.accounts." + LATE + ".port");
            assertThat(CollectorGroup.connected(collector).keySet()).containsExactlyInAnyOrderElementsOf(after);
        }
    }

    /** One reader of the mailbox events per account, each reading from the start and keeping what it read. */
    private static final class Events implements AutoCloseable {

        private final Map<String, TopicReader<MailboxEvent>> readers = new TreeMap<>();

        Events(Iterable<String> accountsToRead) {
            accountsToRead.forEach(account -> readers.put(account,
                    new TopicReader<>(kafka.bootstrapServers(), Topics.MAILBOX_EVENTS, account)));
        }

        /** Waits until each account's events include an event of {@code type} for each of its message ids. */
        void await(MailboxEvent.Type type, Map<String, List<String>> messageIds) {
            org.awaitility.Awaitility.await().atMost(TAKEOVER_LIMIT).pollInterval(Duration.ofMillis(200))
                    .until(() -> messageIds.entrySet().stream().allMatch(expected -> of(expected.getKey()).stream()
                            .filter(e -> e.type() == type).map(MailboxEvent::messageId).collect(Collectors.toSet())
                            .containsAll(expected.getValue())));
        }

        /** Everything read for the account so far, after one more poll. */
        List<MailboxEvent> of(String account) {
            return readers.get(account).poll();
        }

        @Override
        public void close() {
            readers.values().forEach(TopicReader::close);
        }
    }
}
