package io.vanishwatch.notifier.silence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vanishwatch.events.JsonSerde;
import io.vanishwatch.local.kafka.KafkaTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Silences over real HTTP, written to and read back from the real broker. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@TestProfile(SilenceResourceTest.WithToken.class)
class SilenceResourceTest {

    static final String TOKEN = "silences-test-token";

    public static class WithToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vanishwatch.notifier.api.token", TOKEN);
        }
    }

    @TestHTTPResource("/")
    URL root;

    @Inject
    SilenceBook book;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void booksCaughtUp() throws InterruptedException {
        assertThat(book.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void aSilenceSetOverRestIsListedFoundMutesExactlyItsAlertsAndExpiresOnDelete() throws Exception {
        String account = "office-" + UUID.randomUUID() + "@demo.example";
        Instant until = Instant.now().plus(Duration.ofHours(2));

        // when a silence is set for the account's moved-mail alerts
        HttpResponse<String> created = send("POST", "api/silences", TOKEN, """
                {"matchers": [{"label": "account", "value": "%s", "operator": "EQUAL"},
                              {"label": "pattern", "value": "MOVED_TO_.*", "operator": "REGEX"}],
                 "endsAt": "%s", "createdBy": "support-desk", "comment": "the office moves its mailboxes today"}
                """.formatted(account, until));

        // then it is set, named by its Location, and active
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode silence = json(created);
        String id = silence.get("id").asText();
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/api/silences/" + id));
        assertThat(silence.get("state").asText()).isEqualTo("ACTIVE");
        assertThat(silence.get("endsAt").asText()).isEqualTo(until.toString());
        assertThat(silence.get("matchers")).hasSize(2);

        // and it is listed for its account and state, not for another account or state, and found by id
        assertThat(ids("api/silences")).contains(id);
        assertThat(ids("api/silences?account=" + account + "&state=active")).contains(id);
        assertThat(ids("api/silences?account=shop@demo.example")).doesNotContain(id);
        assertThat(ids("api/silences?state=pending")).doesNotContain(id);
        HttpResponse<String> found = send("GET", "api/silences/" + id, TOKEN, null);
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(json(found).get("createdBy").asText()).isEqualTo("support-desk");
        assertThat(json(found).get("comment").asText()).isEqualTo("the office moves its mailboxes today");

        // and it mutes exactly the account's alerts of the patterns it names
        Instant now = Instant.now();
        assertThat(book.mutes(labels(account, "MOVED_TO_JUNK"), now)).hasValueSatisfying(
                muting -> assertThat(muting.id()).isEqualTo(id));
        assertThat(book.mutes(labels(account, "MOVED_TO_FOLDER"), now)).isPresent();
        assertThat(book.mutes(labels(account, "MASS_REMOVAL"), now)).isEmpty();
        assertThat(book.mutes(labels("shop@demo.example", "MOVED_TO_JUNK"), now)).isEmpty();

        // when it is deleted
        assertThat(send("DELETE", "api/silences/" + id, TOKEN, null).statusCode()).isEqualTo(204);

        // then it is expired, listed as such, and mutes nothing
        assertThat(json(send("GET", "api/silences/" + id, TOKEN, null)).get("state").asText()).isEqualTo("EXPIRED");
        assertThat(ids("api/silences?state=expired")).contains(id);
        assertThat(ids("api/silences?state=active")).doesNotContain(id);
        assertThat(book.mutes(labels(account, "MOVED_TO_JUNK"), Instant.now())).isEmpty();
        assertThat(send("DELETE", "api/silences/" + id, TOKEN, null).statusCode()).as("again").isEqualTo(204);
        assertThat(send("DELETE", "api/silences/no-such-silence", TOKEN, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "api/silences/no-such-silence", TOKEN, null).statusCode()).isEqualTo(404);
    }

    @Test
    void withoutTheRightBearerTokenEveryRequestIsRefused() throws Exception {
        String body = """
                {"matchers": [{"label": "account", "value": "x", "operator": "EQUAL"}],
                 "endsAt": "2100-01-01T00:00:00Z", "createdBy": "mallory", "comment": "quiet"}""";
        for (String authorization : new String[] {null, "Bearer ", "Bearer not-" + TOKEN, "Basic " + TOKEN, TOKEN}) {
            for (String[] request : new String[][] {{"GET", "api/silences"}, {"GET", "api/silences/x"},
                    {"POST", "api/silences"}, {"DELETE", "api/silences/x"}}) {
                HttpResponse<String> response = sendRaw(request[0], request[1], authorization,
                        request[0].equals("POST") ? body : null);
                assertThat(response.statusCode()).as(request[0] + " " + request[1] + " with " + authorization)
                        .isEqualTo(401);
                assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                        value -> assertThat(value).startsWith("Bearer"));
            }
        }
        assertThat(book.all()).noneMatch(silence -> silence.createdBy().equals("mallory"));
        assertThat(send("GET", "api/silences", TOKEN, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aWrongSilenceIsRefusedNamingEachWrongField() throws Exception {
        HttpResponse<String> invalid = send("POST", "api/silences", TOKEN, """
                {"matchers": [{"label": "pattern", "value": "MOVED_(", "operator": "REGEX"},
                              {"label": "acount", "value": "office", "operator": "EQUAL"}],
                 "endsAt": "2000-01-01T00:00:00Z", "comment": "x"}""");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(fields(invalid)).containsExactly("matchers[0].value", "matchers[1].label", "endsAt", "createdBy");

        assertThat(fields(send("POST", "api/silences", TOKEN, """
                {"matchers": [{"label": "account", "value": "x", "operator": "LIKE"}],
                 "endsAt": "2100-01-01T00:00:00Z", "createdBy": "support-desk", "comment": "x"}""")))
                .containsExactly("matchers[0].operator");
        assertThat(fields(send("POST", "api/silences", TOKEN, """
                {"matchers": [{"label": "account", "value": "x", "operator": "EQUAL"}],
                 "endsAt": "tomorrow", "createdBy": "support-desk", "comment": "x"}"""))).containsExactly("endsAt");
        assertThat(fields(send("POST", "api/silences", TOKEN, "{not json"))).containsExactly("body");
        assertThat(fields(send("GET", "api/silences?state=sleeping", TOKEN, null))).containsExactly("state");
    }

    @Test
    void theBookIsReadyAndTheApiIsDescribedWithItsToken() throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode health = json(sendRaw("GET", "q/health/ready", null, null));
            assertThat(health.get("checks").findValues("name").stream().map(JsonNode::asText)).contains("silences");
            for (JsonNode check : health.get("checks")) {
                if (check.get("name").asText().equals("silences")) {
                    assertThat(check.get("status").asText()).isEqualTo("UP");
                }
            }
        });
        HttpResponse<String> openApi = sendRaw("GET", "q/openapi", null, null);
        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(openApi.body()).contains("/api/silences:", "/api/silences/{id}:", "bearer");
    }

    private static Map<String, String> labels(String account, String pattern) {
        return Map.of("account", account, "pattern", pattern, "severity", "WARNING");
    }

    private List<String> ids(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send("GET", path, TOKEN, null);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return json(response).findValues("id").stream().map(JsonNode::asText).toList();
    }

    private static List<String> fields(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        return json(response).get("fields").findValues("field").stream().map(JsonNode::asText).toList();
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JsonSerde.MAPPER.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, String token, String body)
            throws IOException, InterruptedException {
        return sendRaw(method, path, "Bearer " + token, body);
    }

    private HttpResponse<String> sendRaw(String method, String path, String authorization, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root.toString()).resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
