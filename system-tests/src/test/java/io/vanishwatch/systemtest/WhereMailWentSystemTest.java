package io.vanishwatch.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.Topics;
import io.vanishwatch.events.Verdict;
import io.vanishwatch.launcher.services.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Where every removed message went, on a real Dovecot with ordinary IMAP clients: mail filed by a rule, archived,
 * archived the Gmail way; and nothing lost or doubled when the collector is killed or the analyzer stopped.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WhereMailWentSystemTest {

    private static final List<String> ACCOUNTS = List.of("filing", "gmail", "crash", "pause", "reset");
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static VanishwatchOnDovecot system;

    @BeforeAll
    static void startTheSystem() {
        system = VanishwatchOnDovecot.start(ACCOUNTS.toArray(String[]::new));
    }

    @AfterAll
    static void stopTheSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void mailFiledByARuleOrArchivedRaisesNoCriticalAlertAndEachDisappearanceNamesItsFolder() {
        try (TopicReader<MailboxEvent> events = topic(Topics.MAILBOX_EVENTS, "filing");
             TopicReader<Disappearance> disappearances = topic(Topics.DISAPPEARANCES, "filing");
             TopicReader<Alert> alerts = topic(Topics.ALERTS, "filing")) {
            awaitWatched(events);
            MailUser filing = new MailUser(system.dovecot, "filing");

            // given a rule that files newsletters into a folder created for them, and a person who archives read mail
            filing.createFolder("Newsletters");
            List<String> newsletters = filing.deliver("Weekly deals", 3);
            List<String> letters = filing.deliver("Meeting notes", 2);
            awaitArrivals(events, union(newsletters, letters));

            // when the rule files the newsletters unread, and the person reads the letters and archives them
            filing.move("INBOX", newsletters, "Newsletters");
            filing.read("INBOX", letters);
            filing.move("INBOX", letters, "Archive");

            // then every disappearance says where the message is, on the evidence of the folders
            List<Disappearance> explained = await().atMost(WAIT)
                    .until(disappearances::poll, seen -> seen.size() >= 5);
            assertThat(explained).hasSize(5).allSatisfy(d -> {
                assertThat(d.destination()).isEqualTo(Disappearance.Destination.MOVED);
                assertThat(d.basis()).isEqualTo(Disappearance.Basis.FOLDER_CHECK);
            });
            assertThat(explained).filteredOn(d -> newsletters.contains(d.messageId()))
                    .extracting(Disappearance::movedToFolder, Disappearance::movedToRole, Disappearance::readBeforeRemoval)
                    .containsOnly(org.assertj.core.groups.Tuple.tuple("Newsletters", FolderRole.OTHER, false));
            assertThat(explained).filteredOn(d -> letters.contains(d.messageId()))
                    .extracting(Disappearance::movedToFolder, Disappearance::movedToRole, Disappearance::readBeforeRemoval)
                    .containsOnly(org.assertj.core.groups.Tuple.tuple("Archive", FolderRole.ARCHIVE, true));

            // and the filing is a warning of its own that names the folder, never the critical "gone" alert
            Alert warning = await().atMost(WAIT).until(() -> alerts.poll().stream()
                    .filter(a -> a.pattern() == Alert.Pattern.MOVED_TO_FOLDER).findFirst(), java.util.Optional::isPresent)
                    .orElseThrow();
            assertThat(warning.severity()).isEqualTo(Alert.Severity.WARNING);
            assertThat(warning.summary()).contains("Newsletters");
            assertThat(alerts.poll()).noneMatch(a -> a.severity() == Alert.Severity.CRITICAL);
        }
    }

    @Test
    @Order(2)
    void mailArchivedTheGmailWayIsStillInAllMailAndNotGone() {
        try (TopicReader<MailboxEvent> events = topic(Topics.MAILBOX_EVENTS, "gmail");
             TopicReader<Disappearance> disappearances = topic(Topics.DISAPPEARANCES, "gmail");
             TopicReader<Alert> alerts = topic(Topics.ALERTS, "gmail")) {
            awaitWatched(events);
            MailUser gmail = new MailUser(system.dovecot, "gmail");

            // given new mail that, as at Gmail, is also in All Mail
            List<String> mail = gmail.deliver("Your order shipped", 3);
            mail.forEach(id -> gmail.append("All Mail", id, "Your order shipped"));
            awaitArrivals(events, mail);

            // when a phone archives it unread: the INBOX copy is expunged, All Mail keeps its own
            gmail.expunge("INBOX", mail);

            // then each disappearance says it is in All Mail, and nothing critical is raised
            List<Disappearance> explained = await().atMost(WAIT)
                    .until(disappearances::poll, seen -> seen.size() >= 3);
            assertThat(explained).extracting(Disappearance::messageId).containsExactlyInAnyOrderElementsOf(mail);
            assertThat(explained).allSatisfy(d -> {
                assertThat(d.destination()).isEqualTo(Disappearance.Destination.MOVED);
                assertThat(d.movedToRole()).isEqualTo(FolderRole.ALL_MAIL);
            });
            assertThat(alerts.poll()).noneMatch(a -> a.pattern() == Alert.Pattern.CLIENT_MOVES_TO_LOCAL);
        }
    }

    @Test
    @Order(3)
    void killingTheCollectorWhileMailIsRemovedLosesNoRemovalAndRepeatsNone() {
        try (TopicReader<MailboxEvent> events = topic(Topics.MAILBOX_EVENTS, "crash")) {
            awaitWatched(events);
            MailUser device = new MailUser(system.dovecot, "crash");
            List<String> mail = device.deliver("Statement", 6);
            awaitArrivals(events, mail);

            // given a device that removes and moves mail, and a collector killed (SIGKILL) in the middle of it
            device.expunge("INBOX", mail.subList(0, 1));
            device.move("INBOX", mail.subList(1, 2), "Junk");
            system.services.get(ServiceProcess.Service.COLLECTOR).kill();
            device.expunge("INBOX", mail.subList(2, 3));
            device.move("INBOX", mail.subList(3, 4), "Archive");

            // when the collector starts again and the device goes on
            system.services.restart(ServiceProcess.Service.COLLECTOR);
            device.expunge("INBOX", mail.subList(4, 5));

            // then each removal is published once, with its UID, Message-ID and where the message is
            Map<String, List<MailboxEvent>> removed = await().atMost(WAIT).until(() -> removals(events),
                    byId -> byId.keySet().containsAll(mail.subList(0, 5)));
            assertThat(removed).containsOnlyKeys(mail.subList(0, 5));
            assertThat(removed.values()).allSatisfy(list -> assertThat(list).hasSize(1));
            assertThat(removed.values()).flatExtracting(Function.identity())
                    .allSatisfy(e -> assertThat(e.uid()).isPositive());
            assertThat(where(removed, mail.get(0))).isEqualTo("IN_NO_FOLDER");
            assertThat(where(removed, mail.get(1))).isEqualTo("IN_FOLDER Junk");
            assertThat(where(removed, mail.get(2))).isEqualTo("IN_NO_FOLDER");
            assertThat(where(removed, mail.get(3))).isEqualTo("IN_FOLDER Archive");
            assertThat(where(removed, mail.get(4))).isEqualTo("IN_NO_FOLDER");
            assertThat(removed.get(mail.get(2)).get(0).detectedBy()).isEqualTo(MailboxEvent.DetectedBy.RESYNC);
            assertThat(removed.get(mail.get(2)).get(0).lastSeenAt()).isNotNull();
            assertThat(events.poll().stream().filter(e -> e.type() == MailboxEvent.Type.FOLDER_RESYNCED)
                    .collect(Collectors.groupingBy(MailboxEvent::folder, Collectors.counting())).values())
                    .as("one baseline per folder: after the restart it resumed from its checkpoints")
                    .containsOnly(1L);
        }
    }

    @Test
    @Order(4)
    void stoppingTheAnalyzerWhileMailVanishesChangesNeitherTheDisappearancesNorTheAlert() {
        try (TopicReader<MailboxEvent> events = topic(Topics.MAILBOX_EVENTS, "pause");
             TopicReader<Disappearance> disappearances = topic(Topics.DISAPPEARANCES, "pause");
             TopicReader<Alert> alerts = topic(Topics.ALERTS, "pause")) {
            awaitWatched(events);
            MailUser mac = new MailUser(system.dovecot, "pause");

            // given an analyzer that is stopped, and new mail taken off the server unread within seconds
            system.services.get(ServiceProcess.Service.ANALYZER).close();
            List<String> invoices = mac.deliver("Invoice", 3);
            awaitArrivals(events, invoices);
            mac.expunge("INBOX", invoices);
            await().atMost(WAIT).until(() -> removals(events).keySet().containsAll(invoices));

            // when it starts again
            system.services.restart(ServiceProcess.Service.ANALYZER);

            // then it explains each removal once and raises the motivating alert once, as if it had run throughout
            List<Disappearance> explained = await().atMost(WAIT).until(disappearances::poll, seen -> seen.size() >= 3);
            Alert alert = await().atMost(WAIT).until(alerts::poll, seen -> !seen.isEmpty()).get(0);
            assertThat(explained).extracting(Disappearance::messageId).containsExactlyInAnyOrderElementsOf(invoices);
            assertThat(explained).allSatisfy(d -> assertThat(d.destination()).isEqualTo(Disappearance.Destination.GONE));
            assertThat(alert.pattern()).isEqualTo(Alert.Pattern.CLIENT_MOVES_TO_LOCAL);
            assertThat(alert.status()).isEqualTo(Alert.Status.FIRING);
            assertThat(alert.count()).isEqualTo(3);
            assertThat(alerts.poll()).hasSize(1);
            assertThat(disappearances.poll()).hasSize(3);
        }
    }

    @Test
    @Order(5)
    void aMailboxWhoseUidValidityChangesIsNoMassRemovalAndOnlyAnInformation() throws IOException {
        try (TopicReader<MailboxEvent> events = topic(Topics.MAILBOX_EVENTS, "reset");
             TopicReader<Disappearance> disappearances = topic(Topics.DISAPPEARANCES, "reset");
             TopicReader<Alert> alerts = topic(Topics.ALERTS, "reset")) {
            awaitWatched(events);
            MailUser user = new MailUser(system.dovecot, "reset");
            List<String> mail = user.deliver("Kept", 4);
            awaitArrivals(events, mail);

            // when the server rebuilds the INBOX's index: the same messages under a new UIDVALIDITY
            Path inbox = system.dovecot.workDir().resolve("mail/reset/Maildir");
            try (Stream<Path> files = Files.list(inbox)) {
                for (Path file : files.filter(f -> f.getFileName().toString().startsWith("dovecot-uidlist")
                        || f.getFileName().toString().startsWith("dovecot.index")).toList()) {
                    Files.delete(file);
                }
            }
            List<String> later = user.deliver("After the rebuild", 1);

            // then the collector reports the new UIDVALIDITY once, and no message as removed
            await().atMost(WAIT).until(() -> events.poll().stream()
                    .anyMatch(e -> e.type() == MailboxEvent.Type.UIDVALIDITY_CHANGED && e.folderRole() == FolderRole.INBOX));
            awaitArrivals(events, later);
            assertThat(events.poll()).noneMatch(e -> e.type() == MailboxEvent.Type.REMOVED);
            assertThat(disappearances.poll()).isEmpty();

            // and support staff are told, as information only, that the server rebuilt the folder
            Alert reset = await().atMost(WAIT).until(alerts::poll, seen -> !seen.isEmpty()).get(0);
            assertThat(reset.pattern()).isEqualTo(Alert.Pattern.MAILBOX_RESET);
            assertThat(reset.severity()).isEqualTo(Alert.Severity.INFO);
            assertThat(reset.facts()).containsEntry(Alert.FACT_FOLDER, "INBOX");
            assertThat(alerts.poll()).allSatisfy(a -> assertThat(a.severity()).isEqualTo(Alert.Severity.INFO));
        }
    }

    @Test
    @Order(6)
    void noAccountIsWatchedWithMoreThanItsTwoConnectionsCountedOnDovecotsSide() {
        Map<String, Integer> most = mostConcurrentWatcherSessions(system.dovecot.logLines());

        assertThat(most).containsOnlyKeys(ACCOUNTS);
        assertThat(most.values()).allSatisfy(n -> assertThat(n).isBetween(1, 2));
        assertThat(most.values()).contains(2);
    }

    private static final Pattern SESSION_LINE = Pattern.compile("^.*? imap\\((\\w+)\\)<\\d+><([^>]+)>.*?: Info: (.*)$");

    /** Replays Dovecot's log: the most sessions each user had open at once that named themselves Vanishwatch. */
    static Map<String, Integer> mostConcurrentWatcherSessions(List<String> log) {
        Map<String, Set<String>> open = new HashMap<>();
        Map<String, Integer> most = new HashMap<>();
        for (String line : log) {
            Matcher m = SESSION_LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String user = m.group(1);
            String session = m.group(2);
            String what = m.group(3);
            if (what.startsWith("ID sent:") && what.contains("name=Vanishwatch")) {
                Set<String> sessions = open.computeIfAbsent(user, u -> new HashSet<>());
                sessions.add(session);
                most.merge(user, sessions.size(), Math::max);
            } else if (what.startsWith("Disconnected") || what.startsWith("Logged out")) {
                open.getOrDefault(user, new HashSet<>()).remove(session);
            }
        }
        return most;
    }

    private static String where(Map<String, List<MailboxEvent>> removed, String messageId) {
        Verdict verdict = removed.get(messageId).get(0).verdict();
        return verdict.location() + (verdict.folder() == null ? "" : " " + verdict.folder());
    }

    private static Map<String, List<MailboxEvent>> removals(TopicReader<MailboxEvent> events) {
        return events.poll().stream().filter(e -> e.type() == MailboxEvent.Type.REMOVED)
                .collect(Collectors.groupingBy(MailboxEvent::messageId));
    }

    private static <V> TopicReader<V> topic(io.vanishwatch.events.Topic<String, V> topic, String account) {
        return new TopicReader<>(system.kafka.bootstrapServers(), topic, account);
    }

    /** The collector has its baseline of the account: from now on it sees every change. */
    private static void awaitWatched(TopicReader<MailboxEvent> events) {
        await().atMost(WAIT).until(() -> events.poll().stream()
                .anyMatch(e -> e.type() == MailboxEvent.Type.FOLDER_RESYNCED && e.folderRole() == FolderRole.INBOX));
    }

    private static void awaitArrivals(TopicReader<MailboxEvent> events, Collection<String> messageIds) {
        await().atMost(WAIT).until(() -> events.poll().stream()
                .filter(e -> e.type() == MailboxEvent.Type.ARRIVED && e.folderRole() == FolderRole.INBOX)
                .map(MailboxEvent::messageId).collect(Collectors.toSet()), seen -> seen.containsAll(messageIds));
    }

    private static List<String> union(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
