package io.vanishwatch.notifier.dispatch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real webhook receiver on loopback that keeps the {@code Idempotency-Key} and body of every POST it answered 200,
 * taking {@code delay} before each answer (so a notifier can be killed in the middle of a delivery).
 */
final class IdempotencyWitness implements AutoCloseable {

    record Post(String idempotencyKey, String body) {
    }

    private final HttpServer server;
    private final List<Post> taken = new CopyOnWriteArrayList<>();
    private final Duration delay;

    IdempotencyWitness(Duration delay) {
        this.delay = delay;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/hook", this::receive);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** POSTs answered 200 whose body mentions {@code marker}. */
    List<Post> taken(String marker) {
        return taken.stream().filter(post -> post.body().contains(marker)).toList();
    }

    /** How many times each idempotency key was taken, among the POSTs mentioning {@code marker}. */
    Map<String, Long> timesTaken(String marker) {
        return taken(marker).stream().collect(Collectors.groupingBy(Post::idempotencyKey, Collectors.counting()));
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Thread.sleep(delay.toMillis());
            taken.add(new Post(exchange.getRequestHeaders().getFirst("Idempotency-Key"), body));
            exchange.sendResponseHeaders(200, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
