package io.vanishwatch.local.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on loopback that accepts the notifier's webhook POSTs and keeps them: the demo's stand-in for
 * a chat channel and the system tests' witness that a webhook was delivered.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One POST as it arrived. */
    public record Delivery(Instant receivedAt, String path, String contentType, String authorization, String body) {
    }

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Consumer<Delivery> onDelivery;

    private WebhookReceiver(HttpServer server, Consumer<Delivery> onDelivery) {
        this.server = server;
        this.onDelivery = onDelivery;
    }

    public static WebhookReceiver start() {
        return start(delivery -> { });
    }

    /** Starts on a free loopback port; {@code onDelivery} sees each POST after it is recorded. */
    public static WebhookReceiver start(Consumer<Delivery> onDelivery) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            WebhookReceiver receiver = new WebhookReceiver(server, onDelivery);
            server.createContext("/", receiver::handle);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the webhook receiver", e);
        }
    }

    /** The URL to configure as the notifier's webhook. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/vanishwatch";
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            Delivery delivery = new Delivery(Instant.now(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
            deliveries.add(delivery);
            exchange.sendResponseHeaders(200, -1);
            onDelivery.accept(delivery);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
