package io.vanishwatch.collector.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vanishwatch.collector.config.AccountSettings;
import io.vanishwatch.collector.config.Password;
import io.vanishwatch.collector.config.Security;
import io.vanishwatch.collector.imap.AngusImapConnector;
import io.vanishwatch.collector.imap.ImapSession;
import io.vanishwatch.collector.imap.MailboxException;
import io.vanishwatch.collector.publish.EventPublisher;
import io.vanishwatch.collector.publish.Publication;
import io.vanishwatch.collector.watch.AccountWatcher;
import io.vanishwatch.collector.watch.Pause;
import io.vanishwatch.collector.watch.WatchSettings;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.MailboxEvent.WatchState;
import io.vanishwatch.local.mail.DovecotServer;
import io.vanishwatch.local.time.MovableClock;

/**
 * XOAUTH2 and OAUTHBEARER against Dovecot's oauth2 passdb, whose token introspection asks a stand-in for the
 * provider's identity service: login with a token from the refresh grant, renewal before expiry, recovery from a revoked token, and a
 * refused refresh token reported as AUTH_FAILED without a secret.
 */
class OAuth2LoginOnDovecotTest {

    private static final String USER = "olga";
    private static final String REFRESH_TOKEN = "refresh-token-of-olga";

    @TempDir
    static Path workDir;

    private static ScheduledExecutorService timer;
    private static AngusImapConnector connector;
    private static DovecotServer dovecot;
    private static FakeIdentityService identity;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T08:00:00Z"));

    @BeforeAll
    static void startDovecot() throws Exception {
        assumeTrue(DovecotServer.isInstalled(), DovecotServer.notInstalledMessage());
        identity = FakeIdentityService.start(USER, REFRESH_TOKEN);
        // the passwd-file password is never used: the watcher logs in with tokens only
        dovecot = DovecotServer.start(workDir.resolve("dovecot"), Map.of(USER, "not-used-by-the-watcher"),
                DovecotServer.Options.DEFAULTS.withOAuth2(identity.introspectionUrl()));
        timer = Executors.newSingleThreadScheduledExecutor();
        connector = new AngusImapConnector(Duration.ofMinutes(1), timer);
    }

    @AfterAll
    static void stopDovecot() {
        if (dovecot != null) {
            dovecot.close();
        }
        if (identity != null) {
            identity.close();
        }
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    @BeforeEach
    void freshIdentityService() {
        identity.tokenRequests().clear();
    }

    private RefreshTokenGrant grant(Optional<Path> refreshTokenFile) {
        Password refresh = refreshTokenFile.map(Password::fromFile).orElse(new Password(REFRESH_TOKEN));
        return new RefreshTokenGrant(identity.tokenUrl(), FakeIdentityService.CLIENT_ID,
                Optional.of(new Password(FakeIdentityService.CLIENT_SECRET)), refresh, refreshTokenFile,
                Optional.of("https://mail.google.com/"), clock);
    }

    private static AccountSettings account(TokenSource tokens) {
        return account(TokenLogin.Mechanism.XOAUTH2, tokens);
    }

    private static AccountSettings account(TokenLogin.Mechanism mechanism, TokenSource tokens) {
        return new AccountSettings(USER, dovecot.host(), dovecot.port(), Security.PLAIN, true, USER, null, "INBOX",
                Optional.empty(), Optional.empty(), List.of(), 2).withOAuth2(new TokenLogin(mechanism, tokens));
    }

    @Test
    void logsInWithXOAuth2AndRenewsTheTokenShortlyBeforeItExpires() throws Exception {
        AccountSettings olga = account(grant(Optional.empty()));
        int introspectedBefore = identity.introspections();

        try (ImapSession session = connector.open(olga)) {
            assertThat(session.list()).extracting(l -> l.name()).contains("INBOX");
        }
        assertThat(identity.introspections()).as("Dovecot asked the identity service")
                .isGreaterThan(introspectedBefore);
        // Dovecot's log process writes the line a moment after the login
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(dovecot.logLines())
                .anyMatch(line -> line.contains("Login: user=<olga>, method=XOAUTH2")));
        try (ImapSession again = connector.open(olga)) {
            assertThat(identity.tokenRequests()).as("a valid token is reused").hasSize(1);
        }
        assertThat(identity.tokenRequests().get(0)).containsEntry("grant_type", "refresh_token")
                .containsEntry("client_id", FakeIdentityService.CLIENT_ID)
                .containsEntry("scope", "https://mail.google.com/");

        // when the token has less than five minutes left
        clock.advance(Duration.ofMinutes(56));
        try (ImapSession renewed = connector.open(olga)) {
            // then the next login asks for a new one first
            assertThat(identity.tokenRequests()).hasSize(2);
        }
    }

    @Test
    void aTokenRevokedBeforeItsTimeIsReplacedAtOnceWithoutAFailedWatch() throws Exception {
        RefreshTokenGrant tokens = grant(Optional.empty());
        AccountSettings olga = account(tokens);
        AccessToken first = tokens.token();
        identity.revoke(first.value());

        try (ImapSession session = connector.open(olga)) {
            assertThat(session.list()).extracting(l -> l.name()).contains("INBOX");
        }
        assertThat(identity.tokenRequests()).hasSize(2);
        assertThat(tokens.token().value()).isNotEqualTo(first.value());
    }

    @Test
    void oauthBearerLogsInAndARefusedTokenEndsWithTheServersNoAndIsReplaced() throws Exception {
        RefreshTokenGrant tokens = grant(Optional.empty());
        AccountSettings olga = account(TokenLogin.Mechanism.OAUTHBEARER, tokens);
        try (ImapSession session = connector.open(olga)) {
            assertThat(session.list()).extracting(l -> l.name()).contains("INBOX");
        }
        // Dovecot's log process writes the line a moment after the login
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(dovecot.logLines())
                .anyMatch(line -> line.contains("Login: user=<olga>, method=OAUTHBEARER")));

        // when the token is revoked: the server's error report is answered, its NO read, and a new token used
        identity.revoke(tokens.token().value());
        try (ImapSession session = connector.open(olga)) {
            assertThat(session.list()).extracting(l -> l.name()).contains("INBOX");
        }
        assertThat(identity.tokenRequests()).hasSize(2);
    }

    @Test
    void aRotatedRefreshTokenIsWrittenBackToItsFile() throws Exception {
        Path file = Files.writeString(workDir.resolve("olga.refresh-token"), identity.currentRefreshToken() + "\n");
        identity.rotateRefreshTokens();
        try {
            RefreshTokenGrant tokens = grant(Optional.of(file));
            try (ImapSession session = connector.open(account(tokens))) {
                assertThat(Files.readString(file).trim()).isEqualTo(identity.currentRefreshToken())
                        .isNotEqualTo(REFRESH_TOKEN);
            }
            clock.advance(Duration.ofHours(2));
            try (ImapSession session = connector.open(account(tokens))) {
                assertThat(identity.tokenRequests()).hasSize(2);
            }
        } finally {
            identity.resetRefreshToken(REFRESH_TOKEN);
        }
    }

    @Test
    void aTokenFromTheAdminsCommandLogsIn() throws Exception {
        Path tokenFile = Files.writeString(workDir.resolve("direct-token"), identity.issueDirectly());
        TokenCommand command = new TokenCommand("printf '{\"access_token\":\"%s\",\"expires_in\":3600}' \"$(cat '"
                + tokenFile + "')\"", clock);

        try (ImapSession session = connector.open(account(command))) {
            assertThat(session.list()).extracting(l -> l.name()).contains("INBOX");
        }
        assertThat(identity.tokenRequests()).isEmpty();
    }

    @Test
    void aRefusedRefreshTokenIsAuthFailedNamingTheEndpointAndNoSecret() throws Exception {
        identity.revokeRefreshToken();
        try {
            AccountSettings olga = account(grant(Optional.empty()));
            assertThatThrownBy(() -> connector.open(olga).close())
                    .isInstanceOfSatisfying(MailboxException.class, e -> {
                        assertThat(e.failure()).isEqualTo(MailboxException.Failure.AUTH_FAILED);
                        assertThat(e.getMessage()).contains("no OAuth2 access token: the token endpoint "
                                + identity.tokenUrl() + " answered 400, refusing the refresh grant (invalid_grant:");
                    });

            List<MailboxEvent> published = new CopyOnWriteArrayList<>();
            EventPublisher publisher = (Publication publication) -> published.addAll(publication.events());
            List<String> logged = new CopyOnWriteArrayList<>();
            Handler logCapture = new Handler() {
                @Override
                public void publish(LogRecord record) {
                    logged.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            Logger.getLogger("").addHandler(logCapture);
            WatchSettings fast = new WatchSettings(Duration.ofMillis(200), Duration.ofSeconds(1),
                    Duration.ofMinutes(25), Duration.ofSeconds(60), Duration.ofSeconds(15));
            AccountWatcher watcher = new AccountWatcher(olga, Map.of(), connector, publisher, fast,
                    Clock.systemUTC(), Pause.REAL);
            Thread watching = new Thread(watcher, "watch-olga");
            watching.start();
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> published.stream()
                        .anyMatch(e -> e.watchState() == WatchState.AUTH_FAILED));
            } finally {
                watcher.stop();
                watching.interrupt();
                watching.join(10_000);
                Logger.getLogger("").removeHandler(logCapture);
            }
            assertThat(logged).as("the watch logged the failure").anyMatch(line -> line.contains("account olga")
                    && line.contains("refusing the refresh grant"));
            MailboxEvent failed = published.stream().filter(e -> e.watchState() == WatchState.AUTH_FAILED)
                    .findFirst().orElseThrow();
            assertThat(failed.reason()).contains("refusing the refresh grant");
            for (String secret : List.of(REFRESH_TOKEN, FakeIdentityService.CLIENT_SECRET, "access-")) {
                assertThat(failed.reason()).doesNotContain(secret);
                assertThat(published.toString()).doesNotContain(secret);
                assertThat(olga.toString()).doesNotContain(secret);
                assertThat(logged).noneMatch(line -> line.contains(secret));
            }
        } finally {
            identity.resetRefreshToken(REFRESH_TOKEN);
        }
    }
}
