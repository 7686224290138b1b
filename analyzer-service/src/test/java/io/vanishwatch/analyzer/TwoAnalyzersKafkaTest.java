package io.vanishwatch.analyzer;

import io.vanishwatch.analyzer.api.ApiConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vanishwatch.analyzer.Mail.Message;
import io.vanishwatch.analyzer.config.AnalyzerConfig;
import io.vanishwatch.analyzer.config.AnalyzerSettingsReader;
import io.vanishwatch.analyzer.query.AccountTimeline;
import io.vanishwatch.analyzer.query.AnalyzerQueries;
import io.vanishwatch.events.BearerToken;
import io.vanishwatch.analyzer.query.Peers;
import io.vanishwatch.analyzer.query.QueryHttpServer;
import io.vanishwatch.analyzer.query.TimelineItem;
import io.vanishwatch.analyzer.topology.AnalyzerTopology;
import io.vanishwatch.analyzer.views.AccountState;
import io.vanishwatch.analyzer.views.AlertViews;
import io.vanishwatch.analyzer.views.Timeline;
import io.vanishwatch.analyzer.views.ViewSettings;
import io.vanishwatch.analyzer.views.ViewsConfig;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.JsonSerde;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.kafka.embedded.EmbeddedKafka;
import io.vanishwatch.local.LoopbackPorts;
import io.vanishwatch.local.kafka.KafkaTestResource;

/**
 * Two analyzer instances sharing the partitions over a real broker: the Quarkus application (instance A, its REST
 * resource) and a second Kafka Streams instance of the same application id in this JVM (instance B, the same queries
 * served by the JDK's HttpServer). Each has its own HTTP port as its application.server. Whichever is asked, an
 * account's timeline and open alerts are the same, and complete.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@TestProfile(TwoAnalyzersKafkaTest.SharedPartitions.class)
class TwoAnalyzersKafkaTest {

    static final String APPLICATION_ID = "vanishwatch-analyzer-two-instances-test";
    static final String TOKEN = "two-instances-test-token";

    /** Its own Streams application, a token, and an HTTP port known before the start, as application.server. */
    public static class SharedPartitions implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.kafka-streams.application-id", APPLICATION_ID,
                    "vanishwatch.analyzer.api.token", TOKEN);
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FixedHttpPort.class));
        }
    }

    /** Kafka Streams needs its application.server before the HTTP server has picked a port: pick it here. */
    public static class FixedHttpPort implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            int port = LoopbackPorts.free();
            return Map.of("quarkus.http.test-port", Integer.toString(port),
                    "kafka-streams.application.server", "127.0.0.1:" + port);
        }

        @Override
        public void stop() {
        }
    }

    private static final TypeReference<List<Alert>> ALERTS = new TypeReference<>() {
    };
    private static final TypeReference<List<AccountState>> ACCOUNTS = new TypeReference<>() {
    };

    private static KafkaStreams instanceB;
    private static QueryHttpServer serverB;

    @Inject
    KafkaStreams instanceA;

    @Inject
    AnalyzerConfig config;

    @Inject
    ViewsConfig views;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    private final HostInfo hostA = HostInfo.buildFromEndpoint(
            ConfigProvider.getConfig().getValue("kafka-streams.application.server", String.class));

    @AfterAll
    static void stopInstanceB() {
        if (instanceB != null) {
            instanceB.close(Duration.ofSeconds(30));
        }
        if (serverB != null) {
            serverB.close();
        }
    }

    @Test
    void anAccountsTimelineAndOpenAlertsAreTheSameWhicheverInstanceIsAskedAndNoTokenNoAnswer() throws IOException {
        // given a second instance whose HTTP server runs and whose Kafka Streams has not started yet
        serverB = QueryHttpServer.bind();
        HostInfo hostB = new HostInfo("127.0.0.1", serverB.port());
        instanceB = new KafkaStreams(AnalyzerTopology.build(AnalyzerSettingsReader.read(config), ViewSettings.read(views)),
                instanceBProperties(hostB));
        BearerToken token = BearerToken.of(ApiConfig.TOKEN_KEY, Optional.of(TOKEN));
        serverB.serve(new AnalyzerQueries(instanceB, Optional.of(hostB), new Peers(token, Duration.ofSeconds(10)),
                Clock.systemUTC()), token);

        // then it answers that it cannot answer yet, and when to ask again
        HttpResponse<String> notYet = get(hostB, "/api/accounts", TOKEN);
        assertThat(notYet.statusCode()).isEqualTo(503);
        assertThat(notYet.headers().firstValue("Retry-After")).contains("2");

        // and neither instance answers without the token, or with another one
        for (HostInfo host : List.of(hostA, hostB)) {
            assertThat(get(host, "/api/accounts", null).statusCode()).as("no token, " + host).isEqualTo(401);
            assertThat(get(host, "/api/alerts", "not-" + TOKEN).statusCode()).as("wrong token, " + host).isEqualTo(401);
        }

        // when it starts and the two share the partitions
        instanceB.start();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() ->
                instanceA.state() == KafkaStreams.State.RUNNING && instanceB.state() == KafkaStreams.State.RUNNING
                        && hosts(instanceA).equals(Set.of(hostA, hostB)) && hosts(instanceB).equals(Set.of(hostA, hostB)));

        // and the collector publishes the same morning for accounts on every partition (times to the microsecond)
        Instant start = Instant.now().minusSeconds(120);
        List<String> accounts = accountsOnEveryPartition();
        Broker broker = new Broker(bootstrap);
        for (String account : accounts) {
            broker.publish(account, morning(account, start));
        }
        String range = "?from=" + encode(start.minusSeconds(3600)) + "&to=" + encode(Instant.now().plusSeconds(3600));

        // then every account's timeline is complete, and the same from both instances
        for (String account : accounts) {
            String path = "/api/accounts/" + encode(account) + "/timeline" + range;
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                AccountTimeline fromA = answer(hostA, path, new TypeReference<>() {
                });
                assertThat(fromA.items()).as("timeline of " + account + " from A")
                        .extracting(TwoAnalyzersKafkaTest::label).containsExactly(
                                "WATCH_STATE", "ARRIVED", "ARRIVED", "ARRIVED", "ARRIVED", "FLAGS_CHANGED",
                                "REMOVED", "REMOVED", "REMOVED", "FIRING CLIENT_MOVES_TO_LOCAL");
                assertThat(fromA.items().get(6).event().verdict().location())
                        .isEqualTo(io.vanishwatch.events.Verdict.Location.IN_NO_FOLDER);
                assertThat(fromA.items()).allSatisfy(item ->
                        assertThat(item.time()).isAfterOrEqualTo(start.truncatedTo(ChronoUnit.MILLIS)));
                assertThat(answer(hostB, path, new TypeReference<AccountTimeline>() {
                })).as("timeline of " + account + " from B").isEqualTo(fromA);
            });
        }
        // (the precondition that makes this a test of routing: each instance holds some of what is asked)
        assertThat(activeHosts(accounts)).containsExactlyInAnyOrder(hostA, hostB);

        // and so are its open alerts, with their evidence
        for (String account : accounts) {
            String path = "/api/alerts?account=" + encode(account);
            List<Alert> fromA = answer(hostA, path, ALERTS);
            assertThat(fromA).as("open alerts of " + account).singleElement().satisfies(alert -> {
                assertThat(alert.pattern()).isEqualTo(Alert.Pattern.CLIENT_MOVES_TO_LOCAL);
                assertThat(alert.account()).isEqualTo(account);
                assertThat(alert.evidence()).extracting(d -> d.subject())
                        .containsExactly("Invoice 1", "Invoice 2", "Invoice 3");
            });
            assertThat(answer(hostB, path, ALERTS)).isEqualTo(fromA);
        }

        // and the questions about all accounts, merged from both instances
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            List<AccountState> watched = answer(hostA, "/api/accounts", ACCOUNTS);
            assertThat(watched).filteredOn(state -> accounts.contains(state.account()))
                    .hasSize(accounts.size())
                    .allSatisfy(state -> assertThat(state.watchState()).isEqualTo(MailboxEvent.WatchState.CONNECTED));
            assertThat(answer(hostB, "/api/accounts", ACCOUNTS)).isEqualTo(watched);
            List<Alert> open = answer(hostA, "/api/alerts", ALERTS);
            assertThat(open).extracting(Alert::account).containsAll(accounts);
            assertThat(answer(hostB, "/api/alerts", ALERTS)).isEqualTo(open);
        });
    }

    /** One account's morning: the watch connects, four arrivals, one read, three unread taken off the server. */
    private static List<MailboxEvent> morning(String account, Instant start) {
        List<MailboxEvent> events = new ArrayList<>();
        events.add(Mail.watch(account, MailboxEvent.WatchState.CONNECTED, start));
        for (int n = 1; n <= 4; n++) {
            events.add(Mail.arrived(account, "INBOX", FolderRole.INBOX, n, Message.numbered(n), start.plusSeconds(n)));
        }
        events.add(Mail.flagsChanged(account, "INBOX", FolderRole.INBOX, 4, Message.numbered(4), start.plusSeconds(10),
                MailboxEvent.SEEN));
        for (int n = 1; n <= 3; n++) {
            events.add(Mail.removedToNoFolder(account, "INBOX", FolderRole.INBOX, n, Message.numbered(n),
                    start.plusSeconds(30 + n)));
        }
        return events;
    }

    /** Two accounts per partition of the events topic, so both instances hold some. */
    private static List<String> accountsOnEveryPartition() {
        List<String> accounts = new ArrayList<>();
        int[] perPartition = new int[EmbeddedKafka.PARTITIONS];
        while (accounts.size() < 2 * EmbeddedKafka.PARTITIONS) {
            String account = "shared-" + UUID.randomUUID() + "@test.example";
            int partition = Utils.toPositive(Utils.murmur2(account.getBytes(StandardCharsets.UTF_8)))
                    % EmbeddedKafka.PARTITIONS;
            if (perPartition[partition] < 2) {
                perPartition[partition]++;
                accounts.add(account);
            }
        }
        return accounts;
    }

    private Set<HostInfo> activeHosts(List<String> accounts) {
        Set<HostInfo> hosts = new HashSet<>();
        for (String store : List.of(Timeline.ACCOUNT_TIMELINE, AlertViews.ALERT_HISTORY, AlertViews.OPEN_ALERTS)) {
            for (String account : accounts) {
                hosts.add(instanceA.queryMetadataForKey(store, account, Serdes.String().serializer()).activeHost());
            }
        }
        return hosts;
    }

    private static Set<HostInfo> hosts(KafkaStreams instance) {
        return instance.metadataForAllStreamsClients().stream().map(StreamsMetadata::hostInfo)
                .collect(Collectors.toSet());
    }

    private static String label(TimelineItem item) {
        return item.event() != null ? item.event().type().name()
                : item.alert().status() + " " + item.alert().pattern();
    }

    private Properties instanceBProperties(HostInfo host) throws IOException {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, host.host() + ":" + host.port());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("vanishwatch-instance-b-").toString());
        props.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 10000);
        props.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 3000);
        return props;
    }

    private <T> T answer(HostInfo host, String path, TypeReference<T> type) throws IOException {
        HttpResponse<String> response = get(host, path, TOKEN);
        assertThat(response.statusCode()).as(host + path + ": " + response.body()).isEqualTo(200);
        return JsonSerde.MAPPER.readValue(response.body(), type);
    }

    private HttpResponse<String> get(HostInfo host, String path, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(Object value) {
        return URLEncoder.encode(value.toString(), StandardCharsets.UTF_8);
    }
}
