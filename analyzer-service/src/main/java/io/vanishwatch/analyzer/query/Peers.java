package io.vanishwatch.analyzer.query;

import io.vanishwatch.events.BearerToken;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.apache.kafka.streams.state.HostInfo;

import com.fasterxml.jackson.core.type.TypeReference;

import io.vanishwatch.events.JsonSerde;

/**
 * Asks another analyzer instance, over HTTP, the part of a question whose state it holds. The request is marked as
 * forwarded, so that instance answers from its own state, and carries this instance's token.
 */
public final class Peers {

    /** Marks a request one instance forwards to another: it is answered from local state, never forwarded again. */
    public static final String FORWARDED_HEADER = "X-Vanishwatch-Forwarded";

    private final HttpClient http;
    private final BearerToken token;
    private final Duration timeout;

    public Peers(BearerToken token, Duration timeout) {
        this.token = token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** GETs {@code pathAndQuery} from {@code host} and reads the JSON answer. */
    public <T> T get(HostInfo host, String pathAndQuery, TypeReference<T> type) {
        String instance = host.host() + ":" + host.port();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + instance + pathAndQuery))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header(FORWARDED_HEADER, "true")
                .GET();
        token.authorization().ifPresent(value -> request.header("Authorization", value));
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw QueryException.notQueryableYet("analyzer instance " + instance + " cannot be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw QueryException.notQueryableYet("interrupted while asking analyzer instance " + instance, e);
        }
        int status = response.statusCode();
        if (status == 200) {
            try {
                return JsonSerde.MAPPER.readValue(response.body(), type);
            } catch (IOException e) {
                throw new QueryException(QueryException.Reason.PEER_FAILED,
                        "analyzer instance " + instance + " gave an answer that cannot be read: " + e.getMessage(), e);
            }
        }
        if (status == 503) {
            throw QueryException.notQueryableYet("analyzer instance " + instance + " cannot answer yet", null);
        }
        if (status == 401 || status == 403) {
            throw new QueryException(QueryException.Reason.PEER_FAILED, "analyzer instance " + instance
                    + " refused this instance's token: every instance needs the same " + token.key());
        }
        throw new QueryException(QueryException.Reason.PEER_FAILED,
                "analyzer instance " + instance + " answered HTTP " + status + " to " + pathAndQuery);
    }
}
