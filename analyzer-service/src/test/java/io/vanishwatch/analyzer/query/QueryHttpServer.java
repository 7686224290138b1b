package io.vanishwatch.analyzer.query;

import io.vanishwatch.events.BearerToken;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.vanishwatch.events.JsonSerde;

/**
 * The analyzer's questions served over the JDK's HttpServer on loopback, with the same paths, token check and
 * forwarded marker as the REST resource: a second analyzer instance in the same JVM as the Quarkus one.
 */
public final class QueryHttpServer implements AutoCloseable {

    private static final Pattern ACCOUNT_PATH = Pattern.compile("^/api/accounts/([^/]+)/(timeline|events|alerts)$");

    private final HttpServer server;
    private volatile AnalyzerQueries queries;
    private volatile BearerToken token;

    private QueryHttpServer(HttpServer server) {
        this.server = server;
    }

    /** Binds a free loopback port, so the instance's application.server can be known before it serves. */
    public static QueryHttpServer bind() {
        try {
            return new QueryHttpServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public QueryHttpServer serve(AnalyzerQueries answering, BearerToken required) {
        this.queries = answering;
        this.token = required;
        server.createContext("/api", this::handle);
        server.start();
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!token.admits(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, new ErrorBody("a valid bearer token is required"), Optional.empty());
                return;
            }
            boolean forwarded = "true".equalsIgnoreCase(exchange.getRequestHeaders().getFirst(Peers.FORWARDED_HEADER));
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            try {
                Object answer = answer(path, query, forwarded);
                if (answer == null) {
                    respond(exchange, 404, new ErrorBody("no such question: " + path), Optional.empty());
                } else {
                    respond(exchange, 200, answer, Optional.empty());
                }
            } catch (QueryException e) {
                respond(exchange, e.reason().status(), new ErrorBody(e.getMessage()),
                        e.reason() == QueryException.Reason.NOT_QUERYABLE_YET
                                ? Optional.of(Long.toString(QueryException.RETRY_AFTER.toSeconds())) : Optional.empty());
            }
        }
    }

    private Object answer(String path, Map<String, String> query, boolean forwarded) {
        if (path.equals("/api/accounts")) {
            return queries.accounts(forwarded);
        }
        if (path.equals("/api/alerts")) {
            return queries.openAlerts(Optional.ofNullable(query.get("account")), forwarded);
        }
        Matcher account = ACCOUNT_PATH.matcher(path);
        if (!account.matches()) {
            return null;
        }
        TimeRange range = TimeRange.parse(query.get("from"), query.get("to"), queries.clock());
        return switch (account.group(2)) {
            case "timeline" -> queries.timeline(account.group(1), range);
            case "events" -> queries.events(account.group(1), range, forwarded);
            default -> queries.alertHistory(account.group(1), range, forwarded);
        };
    }

    private static void respond(HttpExchange exchange, int status, Object body, Optional<String> retryAfter)
            throws IOException {
        byte[] json = JsonSerde.MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        retryAfter.ifPresent(seconds -> exchange.getResponseHeaders().add("Retry-After", seconds));
        exchange.sendResponseHeaders(status, json.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(json);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> parameters = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    parameters.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return parameters;
    }

    private record ErrorBody(String error) {
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
