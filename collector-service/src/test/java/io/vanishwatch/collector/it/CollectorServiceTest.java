package io.vanishwatch.collector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.inject.Inject;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import com.fasterxml.jackson.databind.JsonNode;

import io.vanishwatch.collector.publish.KafkaProducerHealthCheck;
import io.vanishwatch.collector.watch.AccountWatcher;
import io.vanishwatch.collector.watch.Watches;
import io.vanishwatch.collector.watch.WatchesHealthCheck;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.JsonSerde;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.MailboxEvent.DetectedBy;
import io.vanishwatch.events.MailboxEvent.Type;
import io.vanishwatch.events.MailboxEvent.WatchState;
import io.vanishwatch.events.Verdict;
import io.vanishwatch.local.kafka.KafkaTestResource;

/** The collector against a real IMAP server (GreenMail) and a real broker; each test has its own account. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(GreenMailTestResource.class)
class CollectorServiceTest {

    private static MailboxEventsReader topic;

    @Inject
    Watches watches;

    @Inject
    MeterRegistry registry;

    @TestHTTPResource("/q/health/ready")
    URL readiness;

    @TestHTTPResource("/q/metrics")
    URL metricsUrl;

    @BeforeAll
    static void readTopic() {
        topic = new MailboxEventsReader();
    }

    @AfterAll
    static void closeTopic() {
        topic.close();
    }

    /** Waits until the watcher has set its baseline, so that a delivery afterwards is an arrival. */
    private static void awaitBaseline(String account) {
        topic.await(account, e -> e.type() == Type.FOLDER_RESYNCED && e.folderRole() == FolderRole.INBOX);
    }

    private static MailboxEvent awaitEvent(String account, Type type, FolderRole role, String messageId) {
        return topic.await(account, e -> e.type() == type && e.folderRole() == role
                && messageId.equals(e.messageId())).value();
    }

    private static JsonNode check(JsonNode checks, String name) {
        for (JsonNode check : checks) {
            if (check.get("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no health check " + name + " in " + checks);
    }

    @Test
    void theLoginsInProgressAgainstEachServerAreMeteredAndNeverPassTheDefaultLimit() {
        awaitBaseline("arrive");
        String greenMail = watches.watchers().stream().filter(w -> w.account().id().equals("arrive"))
                .map(w -> w.account().host() + ":" + w.account().port()).findFirst().orElseThrow();

        Gauge max = registry.find("vanishwatch.collector.logins.in.progress.max").tag("server", greenMail).gauge();
        Gauge now = registry.find("vanishwatch.collector.logins.in.progress").tag("server", greenMail).gauge();

        assertThat(max).isNotNull();
        assertThat(now).isNotNull();
        assertThat(max.value()).isBetween(1.0, 4.0);
        assertThat(now.value()).isBetween(0.0, 4.0);
    }

    @Test
    void aDeliveredMessageIsPublishedAsArrivedWithItsMessageIdAndSubject() throws Exception {
        awaitBaseline("arrive");

        MailClient.deliver("arrive", "<arrive-1@example.net>", "Invoice March");

        ConsumerRecord<String, MailboxEvent> record = topic.await("arrive",
                e -> e.type() == Type.ARRIVED && "<arrive-1@example.net>".equals(e.messageId()));
        MailboxEvent arrived = record.value();
        assertThat(record.key()).isEqualTo("arrive");
        assertThat(record.timestamp()).isEqualTo(arrived.observedAt().toEpochMilli());
        assertThat(arrived.subject()).isEqualTo("Invoice March");
        assertThat(arrived.from()).isEqualTo("sender@example.net");
        assertThat(arrived.folder()).isEqualTo("INBOX");
        assertThat(arrived.folderRole()).isEqualTo(FolderRole.INBOX);
        assertThat(arrived.size()).isPositive();
        assertThat(arrived.seen()).isFalse();
    }

    @Test
    void aMessageDeletedAndExpungedByAnotherClientIsPublishedAsRemoved() throws Exception {
        awaitBaseline("remove");
        MailClient.deliver("remove", "<remove-1@example.net>", "Going soon");
        MailClient.deliver("remove", "<remove-2@example.net>", "Staying");
        awaitEvent("remove", Type.ARRIVED, FolderRole.INBOX, "<remove-2@example.net>");

        MailClient.deleteAndExpunge("remove", "<remove-1@example.net>");

        MailboxEvent removed = awaitEvent("remove", Type.REMOVED, FolderRole.INBOX, "<remove-1@example.net>");
        assertThat(removed.subject()).isEqualTo("Going soon");
        assertThat(removed.verdict().location()).isEqualTo(Verdict.Location.IN_NO_FOLDER);
        assertThat(removed.verdict().foldersChecked()).isEmpty();
        assertThat(topic.all("remove")).filteredOn(e -> e.type() == Type.REMOVED).hasSize(1);
    }

    @Test
    void aMessageMovedToJunkIsRemovedFromInboxWithAVerdictAndArrivesInJunk() throws Exception {
        awaitBaseline("move");
        topic.await("move", e -> e.type() == Type.FOLDER_RESYNCED && e.folderRole() == FolderRole.JUNK);
        MailClient.deliver("move", "<move-1@example.net>", "Newsletter");
        awaitEvent("move", Type.ARRIVED, FolderRole.INBOX, "<move-1@example.net>");

        MailClient.move("move", "<move-1@example.net>", "Junk");

        MailboxEvent removed = awaitEvent("move", Type.REMOVED, FolderRole.INBOX, "<move-1@example.net>");
        assertThat(removed.seen()).isFalse();
        assertThat(removed.verdict().location()).isEqualTo(Verdict.Location.IN_FOLDER);
        assertThat(removed.verdict().folder()).isEqualTo("Junk");
        assertThat(removed.verdict().folderRole()).isEqualTo(FolderRole.JUNK);
        MailboxEvent inJunk = awaitEvent("move", Type.ARRIVED, FolderRole.JUNK, "<move-1@example.net>");
        assertThat(inJunk.folder()).isEqualTo("Junk");
        assertThat(inJunk.subject()).isEqualTo("Newsletter");
    }

    @Test
    void mailFiledIntoAnOrdinaryFolderIsWatchedThereAndItsRemovalNamesTheFolder() throws Exception {
        awaitBaseline("file");
        topic.await("file", e -> e.type() == Type.FOLDER_RESYNCED && "Newsletters".equals(e.folder()));
        MailClient.deliver("file", "<file-1@example.net>", "Weekly deals");
        awaitEvent("file", Type.ARRIVED, FolderRole.INBOX, "<file-1@example.net>");

        MailClient.move("file", "<file-1@example.net>", "Newsletters");

        MailboxEvent removed = awaitEvent("file", Type.REMOVED, FolderRole.INBOX, "<file-1@example.net>");
        assertThat(removed.verdict().location()).isEqualTo(Verdict.Location.IN_FOLDER);
        assertThat(removed.verdict().folder()).isEqualTo("Newsletters");
        assertThat(removed.verdict().folderRole()).isEqualTo(FolderRole.OTHER);
        assertThat(awaitEvent("file", Type.ARRIVED, FolderRole.OTHER, "<file-1@example.net>").folder())
                .isEqualTo("Newsletters");
    }

    @Test
    void aMessageMarkedReadByAnotherClientIsAFlagChange() throws Exception {
        awaitBaseline("seen");
        MailClient.deliver("seen", "<seen-1@example.net>", "Read me");
        awaitEvent("seen", Type.ARRIVED, FolderRole.INBOX, "<seen-1@example.net>");

        MailClient.markSeen("seen", "<seen-1@example.net>");

        MailboxEvent changed = awaitEvent("seen", Type.FLAGS_CHANGED, FolderRole.INBOX, "<seen-1@example.net>");
        assertThat(changed.flags()).contains(MailboxEvent.SEEN);
    }

    @Test
    void aRemovalWhileTheWatcherIsCutOffIsFoundOnResync() throws Exception {
        awaitBaseline("offline");
        MailClient.deliver("offline", "<offline-1@example.net>", "Taken while away");
        MailClient.deliver("offline", "<offline-2@example.net>", "Still here");
        MailboxEvent lastArrival = awaitEvent("offline", Type.ARRIVED, FolderRole.INBOX, "<offline-2@example.net>");

        GreenMailTestResource.proxy().cut();
        topic.await("offline", e -> e.watchState() == WatchState.UNREACHABLE);
        MailClient.deleteAndExpunge("offline", "<offline-1@example.net>");
        GreenMailTestResource.proxy().restore();

        MailboxEvent removed = awaitEvent("offline", Type.REMOVED, FolderRole.INBOX, "<offline-1@example.net>");
        assertThat(removed.detectedBy()).isEqualTo(DetectedBy.RESYNC);
        assertThat(removed.lastSeenAt()).isNotNull()
                .isAfterOrEqualTo(lastArrival.observedAt())
                .isBefore(removed.observedAt());
        assertThat(topic.all("offline")).filteredOn(e -> e.type() == Type.REMOVED)
                .extracting(MailboxEvent::messageId).containsExactly("<offline-1@example.net>");
        assertThat(removed.verdict().location()).isEqualTo(Verdict.Location.IN_NO_FOLDER);
        assertThat(topic.all("offline")).filteredOn(e -> e.watchState() == WatchState.CONNECTED)
                .hasSizeGreaterThanOrEqualTo(2);

        // what a Prometheus scrape shows of it
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(metricsUrl.toURI()).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics)
                .containsPattern("vanishwatch_collector_events_published_total\\{detected_by=\"RESYNC\",type=\"REMOVED\"\\} [1-9]")
                .containsPattern("vanishwatch_collector_reconnects_total\\{account=\"offline\"\\} [1-9]")
                .containsPattern("vanishwatch_collector_round_age_seconds\\{account=\"offline\"\\} [0-9]")
                .containsPattern("vanishwatch_collector_idle_age_seconds\\{account=\"offline\"\\} [0-9]")
                .containsPattern("vanishwatch_collector_connections\\{account=\"offline\"\\} [12]")
                .containsPattern("vanishwatch_collector_accounts_watched [1-9]")
                .containsPattern("vanishwatch_collector_accounts_configured [1-9]")
                .containsPattern("vanishwatch_collector_descriptions [1-9]")
                .containsPattern("vanishwatch_collector_descriptions_bytes\\{state=\"live\"\\} [1-9]")
                .containsPattern("vanishwatch_collector_descriptions_bytes\\{state=\"grown\"\\} [1-9]");
    }

    @Test
    void aWrongPasswordIsOneAuthFailedEventWhileTheServiceKeepsRetrying() throws Exception {
        topic.await("wrongpw", e -> e.watchState() == WatchState.AUTH_FAILED);
        AccountWatcher watch = watches.watchers().stream().filter(w -> w.account().id().equals("wrongpw"))
                .findFirst().orElseThrow();
        long before = watch.reconnects();
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(20)).until(() -> watch.reconnects() >= before + 3);

        assertThat(topic.all("wrongpw")).filteredOn(e -> e.watchState() == WatchState.AUTH_FAILED).singleElement()
                .satisfies(e -> assertThat(e.folderRole()).isEqualTo(FolderRole.INBOX));
        assertThat(topic.all("wrongpw")).noneMatch(e -> String.valueOf(e.reason()).contains(
                GreenMailTestResource.WRONG_PASSWORD));

        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(readiness.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).doesNotContain(GreenMailTestResource.WRONG_PASSWORD)
                .doesNotContain(GreenMailTestResource.PASSWORD);
        JsonNode checks = JsonSerde.MAPPER.readTree(health.body()).get("checks");
        JsonNode watchesCheck = check(checks, WatchesHealthCheck.NAME);
        assertThat(watchesCheck.get("status").asText()).isEqualTo("DOWN");
        assertThat(watchesCheck.get("data").get("wrongpw").asText()).startsWith("AUTH_FAILED INBOX");
        assertThat(watchesCheck.get("data").get("arrive").asText()).startsWith("CONNECTED INBOX");
        assertThat(check(checks, KafkaProducerHealthCheck.NAME).get("status").asText()).isEqualTo("UP");
    }
}
