package io.vanishwatch.notifier.silence;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vanishwatch.local.kafka.KafkaTestResource;
import org.junit.jupiter.api.Test;

/** The notifier as it starts with no API token configured: its API refuses everything and says which key to set. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class SilenceApiWithoutTokenTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void withNoTokenConfiguredEverySilenceRequestIsRefusedNamingTheKeyToSet() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String path : new String[] {"api/silences", "api/silences/x", "api/nothing"}) {
            for (String authorization : new String[] {null, "Bearer ", "Bearer anything"}) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root.toString()).resolve(path));
                if (authorization != null) {
                    request.header("Authorization", authorization);
                }
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(path + " with " + authorization).isEqualTo(401);
                assertThat(response.body()).contains("vanishwatch.notifier.api.token");
            }
        }
    }
}
