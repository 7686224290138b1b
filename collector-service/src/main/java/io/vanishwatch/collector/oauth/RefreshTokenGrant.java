package io.vanishwatch.collector.oauth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jboss.logging.Logger;

import io.vanishwatch.collector.config.Password;

/**
 * Access tokens by the OAuth2 refresh grant (RFC 6749 section 6) at the provider's token endpoint, with the client id
 * and secret of the registered app and the user's refresh token. A provider that rotates refresh tokens (Microsoft
 * does) gets the new one at the next refresh; one kept in a file is written back there, so a restart uses it too.
 */
public final class RefreshTokenGrant extends CachingTokenSource {

    private static final Logger LOG = Logger.getLogger(RefreshTokenGrant.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI tokenUrl;
    private final String clientId;
    private final Optional<Password> clientSecret;
    private final Password refreshToken;
    private final Optional<Path> refreshTokenFile;
    private final Optional<String> scope;
    private final HttpClient http;
    private volatile String rotated;

    /**
     * @param refreshTokenFile where the refresh token was read from, to write a rotated one back; empty when it came
     *                         from the configuration or the environment
     */
    public RefreshTokenGrant(URI tokenUrl, String clientId, Optional<Password> clientSecret, Password refreshToken,
                             Optional<Path> refreshTokenFile, Optional<String> scope, Clock clock) {
        super(clock);
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.refreshToken = refreshToken;
        this.refreshTokenFile = refreshTokenFile;
        this.scope = scope;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    protected AccessToken fetch() throws TokenException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", rotated != null ? rotated : refreshToken.reveal());
        form.put("client_id", clientId);
        clientSecret.ifPresent(secret -> form.put("client_secret", secret.reveal()));
        scope.ifPresent(s -> form.put("scope", s));
        HttpRequest request = HttpRequest.newBuilder(tokenUrl).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build();
        Instant asked = clock().instant();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TokenException("the token endpoint " + tokenUrl + " cannot be reached ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")",
                    false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenException("interrupted while asking " + tokenUrl + " for an access token", false, e);
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() != 200) {
            // RFC 6749 5.2: 400 (or 401) with error invalid_grant, invalid_client, ...: only an admin can fix it
            boolean refused = response.statusCode() == 400 || response.statusCode() == 401;
            throw new TokenException("the token endpoint " + tokenUrl + " answered " + response.statusCode()
                    + (refused ? ", refusing the refresh grant" : "") + describeError(body), refused);
        }
        String accessToken = body == null ? null : body.path("access_token").asText(null);
        if (accessToken == null || accessToken.isEmpty()) {
            throw new TokenException("the token endpoint " + tokenUrl + " answered without an access_token", false);
        }
        Optional<Instant> expiresAt = body.hasNonNull("expires_in")
                ? Optional.of(asked.plusSeconds(body.get("expires_in").asLong()))
                : Optional.empty();
        String newRefreshToken = body.path("refresh_token").asText(null);
        if (newRefreshToken != null && !newRefreshToken.isEmpty()) {
            keep(newRefreshToken);
        }
        return new AccessToken(accessToken, expiresAt);
    }

    private void keep(String newRefreshToken) {
        String current = rotated != null ? rotated : refreshToken.reveal();
        if (newRefreshToken.equals(current)) {
            return;
        }
        rotated = newRefreshToken;
        refreshTokenFile.ifPresent(file -> {
            try {
                Path next = file.resolveSibling(file.getFileName() + ".next");
                Files.writeString(next, newRefreshToken + "\n", StandardCharsets.UTF_8);
                try {
                    Files.setPosixFilePermissions(next, Files.getPosixFilePermissions(file));
                } catch (UnsupportedOperationException | IOException notPosix) {
                    // kept with the default permissions of the directory
                }
                Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                rotated = null;
            } catch (IOException e) {
                LOG.warnf("cannot write the rotated refresh token back to %s (%s): it is used until a restart, and"
                        + " the file's older one after it", file, e.getClass().getSimpleName());
            }
        });
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }

    /** The error and its description (RFC 6749 5.2); these never hold a token. */
    private static String describeError(JsonNode body) {
        if (body == null || !body.hasNonNull("error")) {
            return "";
        }
        String description = body.path("error_description").asText("");
        if (description.length() > 200) {
            description = description.substring(0, 200) + "...";
        }
        return " (" + body.get("error").asText() + (description.isEmpty() ? "" : ": " + description) + ")";
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    @Override
    public String toString() {
        return "refresh grant at " + tokenUrl + " for client " + clientId;
    }
}
