package io.vanishwatch.collector.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vanishwatch.collector.config.AccountSettings;
import io.vanishwatch.collector.config.Password;
import io.vanishwatch.collector.config.Security;
import io.vanishwatch.collector.config.TrustStore;
import io.vanishwatch.collector.publish.EventPublisher;
import io.vanishwatch.collector.publish.Publication;
import io.vanishwatch.collector.watch.AccountWatcher;
import io.vanishwatch.collector.watch.Pause;
import io.vanishwatch.collector.watch.WatchSettings;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.MailboxEvent.WatchState;
import io.vanishwatch.local.mail.DovecotServer;

/**
 * Implicit TLS and STARTTLS against Dovecot serving certificates of a CA made at test time: trusted through a trust
 * store, the account is watched; untrusted, expired or for another host, the failure says which.
 */
class TlsOnDovecotTest {

    private static final String PASSWORD = "tess-secret";

    @TempDir
    static Path workDir;

    private static TestCertificateAuthority ca;
    private static DovecotServer dovecot;
    private static DovecotServer expiredDovecot;
    private static ScheduledExecutorService timer;
    private static AngusImapConnector connector;

    @BeforeAll
    static void startDovecots() throws Exception {
        assumeTrue(DovecotServer.isInstalled(), DovecotServer.notInstalledMessage());
        ca = TestCertificateAuthority.create(workDir.resolve("pki"), "Vanishwatch Test CA");
        // valid for 127.0.0.1 only: "localhost" is the wrong host for it
        DovecotServer.Tls valid = ca.issue("imap-valid", "ip:127.0.0.1", null, 30);
        DovecotServer.Tls expired = ca.issue("imap-expired", "ip:127.0.0.1", "-10d", 2);
        CompletableFuture<DovecotServer> second = CompletableFuture.supplyAsync(() ->
                DovecotServer.start(workDir.resolve("expired"), Map.of("tess", PASSWORD),
                        DovecotServer.Options.DEFAULTS.withTls(expired)));
        dovecot = DovecotServer.start(workDir.resolve("valid"), Map.of("tess", PASSWORD),
                DovecotServer.Options.DEFAULTS.withTls(valid));
        expiredDovecot = second.join();
        timer = Executors.newSingleThreadScheduledExecutor();
        connector = new AngusImapConnector(Duration.ofMinutes(1), timer);
    }

    @AfterAll
    static void stopDovecots() {
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
            if (expiredDovecot != null) {
                expiredDovecot.close();
            }
        });
        if (dovecot != null) {
            dovecot.close();
        }
        stopping.join();
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private static AccountSettings account(String host, int port, Security security, Optional<TrustStore> trust) {
        return new AccountSettings("tess", host, port, security, true, "tess", new Password(PASSWORD), "INBOX",
                Optional.empty(), Optional.empty(), List.of(), 2).withTrustStore(trust);
    }

    private static Optional<TrustStore> pemTrust() {
        return Optional.of(TrustStore.load(ca.certificatePem(), null));
    }

    @Test
    void implicitTlsIsWatchedWhenTheServersCaIsInAPemTrustStore() throws Exception {
        try (ImapSession session = connector.open(account("127.0.0.1", dovecot.imapsPort(), Security.TLS,
                pemTrust()))) {
            assertThat(session.list()).extracting(ListedFolder::name).contains("INBOX", "Junk", "Trash");
            assertThat(session.tls()).hasValueSatisfying(tls -> {
                assertThat(tls.protocol()).startsWith("TLSv1.");
                assertThat(tls.subject()).isEqualTo("CN=imap-valid");
                assertThat(tls.issuer()).isEqualTo("CN=Vanishwatch Test CA");
            });
        }
    }

    @Test
    void starttlsIsWatchedWhenTheServersCaIsInAPkcs12TrustStore() throws Exception {
        TrustStore pkcs12 = TrustStore.load(ca.certificatePkcs12("trust-pw"), "trust-pw".toCharArray());

        try (ImapSession session = connector.open(account("127.0.0.1", dovecot.port(), Security.STARTTLS,
                Optional.of(pkcs12)))) {
            assertThat(session.supports("STARTTLS")).as("capabilities asked again after STARTTLS").isFalse();
            assertThat(session.list()).extracting(ListedFolder::name).contains("INBOX");
            assertThat(session.tls()).as("the certificate STARTTLS got").map(TlsDetails::subject)
                    .hasValue("CN=imap-valid");
        }
    }

    @Test
    void aCertificateOfAnUnknownCaIsUntrustedOnBothTlsAndStarttls() {
        assertTlsFailed(account("127.0.0.1", dovecot.imapsPort(), Security.TLS, Optional.empty()),
                "TLS with 127.0.0.1:" + dovecot.imapsPort() + " failed: the server's certificate is not trusted"
                        + " (untrusted: its issuer is not among the JDK's certificate authorities");
        assertTlsFailed(account("127.0.0.1", dovecot.port(), Security.STARTTLS, Optional.empty()),
                "TLS with 127.0.0.1:" + dovecot.port() + " failed: the server's certificate is not trusted");
    }

    @Test
    void anExpiredCertificateIsNamedAsExpiredEvenFromATrustedCa() {
        assertTlsFailed(account("127.0.0.1", expiredDovecot.imapsPort(), Security.TLS, pemTrust()),
                "TLS with 127.0.0.1:" + expiredDovecot.imapsPort() + " failed: the server's certificate has expired"
                        + " (NotAfter: ");
        assertTlsFailed(account("127.0.0.1", expiredDovecot.port(), Security.STARTTLS, pemTrust()),
                "the server's certificate has expired");
    }

    @Test
    void aCertificateForAnotherHostIsNamedAsTheWrongHost() {
        assertTlsFailed(account("localhost", dovecot.imapsPort(), Security.TLS, pemTrust()),
                "TLS with localhost:" + dovecot.imapsPort() + " failed: the server's certificate is not for the host"
                        + " localhost (wrong host");
        assertTlsFailed(account("localhost", dovecot.port(), Security.STARTTLS, pemTrust()),
                "the server's certificate is not for the host localhost (wrong host");
    }

    @Test
    void theWatchPublishesTlsFailedWithTheReasonAndNoSecret() throws Exception {
        List<MailboxEvent> published = new CopyOnWriteArrayList<>();
        EventPublisher publisher = (Publication publication) -> published.addAll(publication.events());
        WatchSettings fast = new WatchSettings(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMinutes(25),
                Duration.ofSeconds(60), Duration.ofSeconds(15));
        AccountWatcher watcher = new AccountWatcher(account("127.0.0.1", expiredDovecot.imapsPort(), Security.TLS,
                pemTrust()), Map.of(), connector, publisher, fast, Clock.systemUTC(), Pause.REAL);
        Thread watching = new Thread(watcher, "watch-tess");
        watching.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> published.stream()
                    .anyMatch(e -> e.watchState() == WatchState.TLS_FAILED));
            MailboxEvent failed = published.stream().filter(e -> e.watchState() == WatchState.TLS_FAILED)
                    .findFirst().orElseThrow();
            assertThat(failed.account()).isEqualTo("tess");
            assertThat(failed.reason()).contains("127.0.0.1:" + expiredDovecot.imapsPort(), "has expired")
                    .doesNotContain(PASSWORD);
        } finally {
            watcher.stop();
            watching.interrupt();
            watching.join(10_000);
        }
    }

    private static void assertTlsFailed(AccountSettings account, String reason) {
        assertThatThrownBy(() -> connector.open(account).close())
                .isInstanceOfSatisfying(MailboxException.class, e -> {
                    assertThat(e.failure()).isEqualTo(MailboxException.Failure.TLS_FAILED);
                    assertThat(e.getMessage()).contains(reason).doesNotContain(PASSWORD);
                });
    }
}
