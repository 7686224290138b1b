package io.vanishwatch.collector.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vanishwatch.collector.config.Password;
import io.vanishwatch.local.time.MovableClock;

/** The two token sources on their own: when they ask again, and what they say when they cannot get a token. */
class TokenSourcesTest {

    private static final String REFRESH_TOKEN = "refresh-of-tom";

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T08:00:00Z"));
    private FakeIdentityService identity;

    @BeforeEach
    void start() throws Exception {
        identity = FakeIdentityService.start("tom", REFRESH_TOKEN);
    }

    @AfterEach
    void stop() {
        identity.close();
    }

    private RefreshTokenGrant grant(URI tokenUrl, String clientSecret) {
        return new RefreshTokenGrant(tokenUrl, FakeIdentityService.CLIENT_ID, Optional.of(new Password(clientSecret)),
                new Password(REFRESH_TOKEN), Optional.empty(), Optional.empty(), clock);
    }

    @Test
    void aShortLivedTokenIsRenewedHalfwayThroughItsLifeAndAnInvalidatedOneAtOnce() throws Exception {
        identity.lifetimeSeconds(120);
        RefreshTokenGrant tokens = grant(identity.tokenUrl(), FakeIdentityService.CLIENT_SECRET);

        AccessToken first = tokens.token();
        clock.advance(Duration.ofSeconds(59));
        assertThat(tokens.token()).isEqualTo(first);
        clock.advance(Duration.ofSeconds(1));
        AccessToken second = tokens.token();
        assertThat(second.value()).isNotEqualTo(first.value());

        tokens.invalidate(first);
        assertThat(tokens.token()).as("invalidating an old token keeps the current one").isEqualTo(second);
        tokens.invalidate(second);
        assertThat(tokens.token().value()).isNotEqualTo(second.value());
        assertThat(identity.tokenRequests()).hasSize(3);
        assertThat(second.toString()).doesNotContain(second.value());
    }

    @Test
    void aWrongClientSecretIsARefusalAndAnEndpointThatIsNotThereIsNot() throws Exception {
        assertThatThrownBy(() -> grant(identity.tokenUrl(), "wrong-secret").token())
                .isInstanceOfSatisfying(TokenException.class, e -> {
                    assertThat(e.refused()).isTrue();
                    assertThat(e.getMessage()).contains("answered 401, refusing the refresh grant (invalid_client:")
                            .doesNotContain("wrong-secret").doesNotContain(REFRESH_TOKEN);
                });

        URI nowhere = URI.create("http://127.0.0.1:" + freePort() + "/token");
        assertThatThrownBy(() -> grant(nowhere, FakeIdentityService.CLIENT_SECRET).token())
                .isInstanceOfSatisfying(TokenException.class, e -> {
                    assertThat(e.refused()).isFalse();
                    assertThat(e.getMessage()).startsWith("the token endpoint " + nowhere + " cannot be reached");
                });
    }

    @Test
    void aCommandThatPrintsOnlyATokenRunsAtEveryLoginAndOneThatFailsSaysWhy() throws Exception {
        Path counter = dir.resolve("runs");
        TokenCommand plain = new TokenCommand("echo run >> '" + counter + "'; echo token-from-command", clock);

        assertThat(plain.token().value()).isEqualTo("token-from-command");
        assertThat(plain.token().expiresAt()).isEmpty();
        assertThat(Files.readAllLines(counter)).hasSize(2);

        TokenCommand json = new TokenCommand("echo run >> '" + counter + "'; echo '{\"access_token\":\"t1\","
                + "\"expires_in\":3600}'", clock);
        assertThat(json.token().value()).isEqualTo("t1");
        assertThat(json.token().expiresAt()).contains(clock.instant().plusSeconds(3600));
        assertThat(Files.readAllLines(counter)).as("a token with a lifetime is reused").hasSize(3);

        assertThatThrownBy(() -> new TokenCommand("echo 'device login expired, run: login --device' >&2; exit 3",
                clock).token()).isInstanceOfSatisfying(TokenException.class, e -> {
                    assertThat(e.refused()).isTrue();
                    assertThat(e.getMessage()).isEqualTo("the token command exited with 3: device login expired, run:"
                            + " login --device");
                });
        assertThatThrownBy(() -> new TokenCommand("echo '{not json secret-ish'", clock).token())
                .isInstanceOfSatisfying(TokenException.class, e ->
                        assertThat(e.getMessage()).doesNotContain("secret-ish"));
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
