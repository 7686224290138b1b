package io.vanishwatch.collector.oauth;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for a provider's identity service on loopback: a token endpoint for the refresh grant, and the token
 * introspection endpoint that Dovecot's oauth2 passdb asks whether a token is good and whose it is.
 */
final class FakeIdentityService implements AutoCloseable {

    static final String CLIENT_ID = "vanishwatch-test-app";
    static final String CLIENT_SECRET = "client-s3cret-value";

    private final HttpServer server;
    private final String user;
    private final Set<String> activeTokens = ConcurrentHashMap.newKeySet();
    private final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();
    private final AtomicInteger introspections = new AtomicInteger();
    private volatile String refreshToken;
    private volatile long lifetimeSeconds = 3600;
    private volatile boolean rotateRefreshTokens;

    private FakeIdentityService(HttpServer server, String user, String refreshToken) {
        this.server = server;
        this.user = user;
        this.refreshToken = refreshToken;
    }

    /** Issues tokens for {@code user} to whoever presents {@code refreshToken} with the test app's credentials. */
    static FakeIdentityService start(String user, String refreshToken) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        FakeIdentityService service = new FakeIdentityService(server, user, refreshToken);
        server.createContext("/token", service::token);
        server.createContext("/introspect", service::introspect);
        server.start();
        return service;
    }

    URI tokenUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
    }

    String introspectionUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/introspect";
    }

    /** How long the tokens issued from now on are valid. */
    void lifetimeSeconds(long seconds) {
        lifetimeSeconds = seconds;
    }

    /** From now on, every refresh answers with a new refresh token, and only the newest one is accepted. */
    void rotateRefreshTokens() {
        rotateRefreshTokens = true;
    }

    /** The user's refresh token is revoked (a password change, an admin, 90 days unused): refreshes fail. */
    void revokeRefreshToken() {
        refreshToken = null;
    }

    /** The token is no longer good, before its time (revoked, or the session signed out). */
    void revoke(String accessToken) {
        activeTokens.remove(accessToken);
    }

    /** The refresh token accepted from now on, refreshes no longer rotating it. */
    void resetRefreshToken(String token) {
        refreshToken = token;
        rotateRefreshTokens = false;
    }

    /** An access token issued outside the refresh grant (by a device-code login, say). */
    String issueDirectly() {
        String token = "access-direct-" + issued.incrementAndGet();
        activeTokens.add(token);
        return token;
    }

    List<Map<String, String>> tokenRequests() {
        return tokenRequests;
    }

    int introspections() {
        return introspections.get();
    }

    String currentRefreshToken() {
        return refreshToken;
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(exchange);
        tokenRequests.add(form);
        String expected = refreshToken;
        if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            answer(exchange, 401, "{\"error\":\"invalid_client\",\"error_description\":\"unknown client\"}");
        } else if (!"refresh_token".equals(form.get("grant_type")) || expected == null
                || !expected.equals(form.get("refresh_token"))) {
            answer(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or"
                    + " revoked.\"}");
        } else {
            String token = "access-" + issued.incrementAndGet();
            activeTokens.add(token);
            String rotated = "";
            if (rotateRefreshTokens) {
                refreshToken = "refresh-rotated-" + issued.get();
                rotated = ",\"refresh_token\":\"" + refreshToken + "\"";
            }
            answer(exchange, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                    + lifetimeSeconds + rotated + "}");
        }
    }

    private void introspect(HttpExchange exchange) throws IOException {
        introspections.incrementAndGet();
        String token = form(exchange).get("token");
        if (token != null && activeTokens.contains(token)) {
            answer(exchange, 200, "{\"active\":true,\"username\":\"" + user + "\"}");
        } else {
            answer(exchange, 200, "{\"active\":false}");
        }
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int at = pair.indexOf('=');
            if (at > 0) {
                form.put(URLDecoder.decode(pair.substring(0, at), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(at + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
