package io.vanishwatch.notifier.delivery.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on loopback (the JDK's) standing in for Slack, Teams, Mattermost or any webhook receiver: it
 * records every POST and answers what the test scripts, 500 once the script is used up.
 */
public final class ScriptedReceiver implements AutoCloseable {

    /** One POST as the receiver saw it. */
    public record Post(Headers headers, String body) {

        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    /** A scripted answer: a status and, when not null, a {@code Retry-After} value. */
    public record Answer(int status, String retryAfter) {
    }

    private final Deque<Answer> answers = new ConcurrentLinkedDeque<>();
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    public ScriptedReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hooks/T000/B000/s3cret-path", this::receive);
        server.start();
    }

    public ScriptedReceiver answer(int... statuses) {
        for (int status : statuses) {
            answers.add(new Answer(status, null));
        }
        return this;
    }

    public ScriptedReceiver answerRetryAfter(int status, String retryAfter) {
        answers.add(new Answer(status, retryAfter));
        return this;
    }

    /** The hook's URL, with a secret-looking path as real incoming-webhook URLs have. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/T000/B000/s3cret-path");
    }

    public HttpTarget target() {
        return new HttpTarget(url(), Duration.ofSeconds(5));
    }

    public List<Post> posts() {
        return posts;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            posts.add(new Post(exchange.getRequestHeaders(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            Answer answer = answers.poll();
            if (answer != null && answer.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
            }
            exchange.sendResponseHeaders(answer == null ? 500 : answer.status(), -1);
        }
    }
}
