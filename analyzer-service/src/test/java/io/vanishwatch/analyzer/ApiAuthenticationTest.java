package io.vanishwatch.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vanishwatch.local.kafka.KafkaTestResource;

/** The analyzer as it starts with no API token configured: its API refuses everything, the rest stays open. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class ApiAuthenticationTest {

    @TestHTTPResource("/")
    URL root;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root.toString()).resolve(path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withNoTokenConfiguredEveryApiRequestIsRefusedNamingTheKeyToSet() throws Exception {
        for (String path : new String[] {"api/accounts", "api/alerts", "api/accounts/office/timeline", "api/nothing"}) {
            for (String authorization : new String[] {null, "Bearer ", "Bearer anything"}) {
                HttpResponse<String> response = get(path, authorization);
                assertThat(response.statusCode()).as(path + " with " + authorization).isEqualTo(401);
                assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                        value -> assertThat(value).startsWith("Bearer"));
                assertThat(response.body()).contains("vanishwatch.analyzer.api.token");
            }
        }
    }

    @Test
    void healthMetricsAndTheOpenApiDocumentStayOpen() throws Exception {
        // no token needed; the streams application may still be starting (waiting for its topics) at first
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(get("q/health/live", null).statusCode()).isEqualTo(200));
        assertThat(get("q/metrics", null).statusCode()).isEqualTo(200);
        HttpResponse<String> openApi = get("q/openapi", null);
        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(openApi.body()).contains("/api/accounts:", "/api/accounts/{account}/timeline:", "/api/alerts:",
                "bearer");
    }
}
