package io.vanishwatch.collector.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vanishwatch.collector.imap.TestCertificateAuthority;
import io.vanishwatch.local.mail.DovecotServer;

/**
 * {@code check-config} against real Dovecots: one with TLS by a test CA and the usual folders, one without a Junk
 * folder. Five accounts in one file — good, wrong password, wrong port, no Junk, untrusted certificate — each is
 * reported with the key to change, and the check exits 1; the good one alone exits 0.
 */
class ConfigCheckOnDovecotTest {

    private static final String PASSWORD = "tess-secret";
    private static final String ACCOUNTS = "vanishwatch.collector.accounts.";

    @TempDir
    static Path workDir;

    private static TestCertificateAuthority ca;
    private static DovecotServer tlsDovecot;
    private static DovecotServer noJunkDovecot;
    private static int closedPort;
    private static Run all;

    record Run(int status, String output) {

        /** The lines of one account's report, from its header to its result. */
        List<String> account(String id) {
            List<String> block = new ArrayList<>();
            boolean in = false;
            for (String line : output.split("\n")) {
                if (line.startsWith(id + "  ")) {
                    in = true;
                }
                if (in) {
                    block.add(line);
                    if (line.startsWith("  result: ")) {
                        return block;
                    }
                }
            }
            return block;
        }
    }

    @BeforeAll
    static void startDovecotsAndCheckEveryAccount() throws Exception {
        assumeTrue(DovecotServer.isInstalled(), DovecotServer.notInstalledMessage());
        ca = TestCertificateAuthority.create(workDir.resolve("pki"), "Vanishwatch Test CA");
        DovecotServer.Tls valid = ca.issue("imap-valid", "ip:127.0.0.1", null, 30);
        Map<String, String> noJunk = new LinkedHashMap<>();
        noJunk.put("Trash", "\\Trash");
        noJunk.put("Newsletters", "");
        CompletableFuture<DovecotServer> second = CompletableFuture.supplyAsync(() -> DovecotServer.start(
                workDir.resolve("no-junk"), Map.of("tess", PASSWORD), DovecotServer.Options.DEFAULTS.withMailboxes(noJunk)));
        tlsDovecot = DovecotServer.start(workDir.resolve("tls"), Map.of("tess", PASSWORD),
                DovecotServer.Options.DEFAULTS.withTls(valid));
        noJunkDovecot = second.join();
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        StringBuilder file = new StringBuilder();
        file.append(account("good", tlsDovecot.imapsPort(), "TLS", "password-env=TESS_PASSWORD", true));
        file.append(account("wrongpw", tlsDovecot.imapsPort(), "TLS", "password=not-" + PASSWORD, true));
        file.append(account("wrongport", closedPort, "TLS", "password-env=TESS_PASSWORD", true));
        file.append(account("nojunk", noJunkDovecot.port(), "PLAIN", "password-env=TESS_PASSWORD", false));
        file.append(account("untrusted", tlsDovecot.imapsPort(), "TLS", "password-env=TESS_PASSWORD", false));
        file.append(account("starttls", tlsDovecot.port(), "STARTTLS", "password-file=" + Files.writeString(
                workDir.resolve("tess.password"), PASSWORD), true));
        file.append(account("wronghost", "localhost", tlsDovecot.imapsPort(), "TLS", "password-env=TESS_PASSWORD",
                true));
        all = check(file.toString());
    }

    @AfterAll
    static void stopDovecots() {
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
            if (noJunkDovecot != null) {
                noJunkDovecot.close();
            }
        });
        if (tlsDovecot != null) {
            tlsDovecot.close();
        }
        stopping.join();
    }

    private static String account(String id, int port, String security, String password, boolean trusted) {
        return account(id, "127.0.0.1", port, security, password, trusted);
    }

    private static String account(String id, String host, int port, String security, String password,
                                  boolean trusted) {
        String key = ACCOUNTS + id + ".";
        return key + "host=" + host + "\n" + key + "port=" + port + "\n" + key + "security=" + security + "\n"
                + key + "username=tess\n" + key + password + "\n"
                + (trusted ? key + "trust-store=" + ca.certificatePem() + "\n" : "");
    }

    private static Run check(String properties) throws IOException {
        Path file = Files.createTempFile(workDir, "accounts", ".properties");
        Files.writeString(file, properties);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = ConfigCheck.run(new String[] {file.toString()}, Map.of("TESS_PASSWORD", PASSWORD),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(status, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aGoodAccountShowsTlsLoginCapabilitiesFoldersConnectionsAndServerLogAndExitsZero() throws IOException {
        Run good = check(account("good", tlsDovecot.imapsPort(), "TLS", "password-env=TESS_PASSWORD", true));

        assertThat(good.status()).as(good.output()).isEqualTo(ConfigCheck.OK);
        List<String> lines = good.account("good");
        assertThat(lines.get(0)).matches("good  127\\.0\\.0\\.1:" + tlsDovecot.imapsPort() + " TLS  TLSv1\\.[23],"
                + " certificate CN=imap-valid \\(issuer CN=Vanishwatch Test CA, expires \\d{4}-\\d\\d-\\d\\d\\)");
        assertThat(lines).contains("  login: OK (PASSWORD as tess)",
                "  capabilities: IDLE NOTIFY QRESYNC CONDSTORE MOVE ID SPECIAL-USE (missing: none)",
                "  other folders: followed with NOTIFY", "  result: OK");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("  folders: INBOX (INBOX), ")
                .contains("Junk (JUNK)", "Trash (TRASH)"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("  connections: 2, all open at once here;")
                .contains("mail_max_userip_connections"));
        assertThat(lines).contains("  server log: not set up (vanishwatch.collector.server-log.path): a removal is not"
                + " attributed to the device that made it");
        assertThat(lines).noneMatch(line -> line.contains("PROBLEM") || line.contains("WARNING"));
        assertThat(good.output()).endsWith("check-config: 1 account, 1 OK\n");
    }

    @Test
    void everyBadAccountIsNamedAndTheCheckExitsOne() {
        assertThat(all.status()).as(all.output()).isEqualTo(ConfigCheck.PROBLEM);
        assertThat(all.output()).contains("check-config: 7 accounts, 3 OK, with problems: untrusted, wronghost,"
                + " wrongport, wrongpw; 1 warning");
        assertThat(all.account("good")).contains("  result: OK");
    }

    @Test
    void aWrongPasswordNamesThePasswordKeyAndTheServersRefusal() {
        assertThat(all.account("wrongpw")).containsExactly(
                "wrongpw  127.0.0.1:" + tlsDovecot.imapsPort() + " TLS  not connected",
                "  login: FAILED",
                "  PROBLEM vanishwatch.collector.accounts.wrongpw.password: AUTH_FAILED authentication failed:"
                        + " [AUTHENTICATIONFAILED] Authentication failed. (username tess)",
                "  result: 1 problem");
    }

    @Test
    void aWrongPortNamesThePortKey() {
        List<String> lines = all.account("wrongport");
        assertThat(lines.get(0)).isEqualTo("wrongport  127.0.0.1:" + closedPort + " TLS  not connected");
        assertThat(lines.get(1)).startsWith("  PROBLEM vanishwatch.collector.accounts.wrongport.port: UNREACHABLE"
                + " cannot connect: ").contains("Connection refused", "nothing answers at 127.0.0.1:" + closedPort);
        assertThat(lines).endsWith("  result: 1 problem");
    }

    @Test
    void aServerWithoutJunkIsAWarningNamingTheJunkKeyAndTheAccountStaysOk() {
        List<String> lines = all.account("nojunk");
        assertThat(lines.get(0)).isEqualTo("nojunk  127.0.0.1:" + noJunkDovecot.port() + " PLAIN  no TLS"
                + " (security=PLAIN: the password crosses the network readable)");
        assertThat(lines).contains("  folders: INBOX (INBOX), Trash (TRASH), Newsletters (OTHER)");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(
                "  WARNING vanishwatch.collector.accounts.nojunk.folders.junk: no Junk folder found: no folder is"
                        + " marked \\Junk (SPECIAL-USE) or has a usual Junk name;"));
        assertThat(lines).endsWith("  result: OK, 1 warning");
    }

    @Test
    void anUntrustedCertificateNamesTheTrustStoreKey() {
        assertThat(all.account("untrusted")).containsExactly(
                "untrusted  127.0.0.1:" + tlsDovecot.imapsPort() + " TLS  not connected",
                "  PROBLEM vanishwatch.collector.accounts.untrusted.trust-store: TLS_FAILED TLS with 127.0.0.1:"
                        + tlsDovecot.imapsPort() + " failed: the server's certificate is not trusted (untrusted: its"
                        + " issuer is not among the JDK's certificate authorities; set trust-store to a PEM or PKCS12"
                        + " file with the server's CA)",
                "  result: 1 problem");
    }

    @Test
    void starttlsShowsTheCertificateItGot() {
        List<String> lines = all.account("starttls");
        assertThat(lines.get(0)).startsWith("starttls  127.0.0.1:" + tlsDovecot.port() + " STARTTLS  TLSv1.")
                .contains("certificate CN=imap-valid (issuer CN=Vanishwatch Test CA, expires ");
        assertThat(lines).contains("  login: OK (PASSWORD as tess)", "  result: OK");
    }

    @Test
    void aFollowedServerLogNamesTheServerUserAndWarnsWhenAnotherAccountTakesItsLines() throws IOException {
        Run withLog = check(account("office", tlsDovecot.imapsPort(), "TLS", "password-env=TESS_PASSWORD", true)
                + account("shop", tlsDovecot.imapsPort(), "TLS", "password-env=TESS_PASSWORD", true)
                + "vanishwatch.collector.server-log.path=" + tlsDovecot.logFile() + "\n");

        assertThat(withLog.status()).as(withLog.output()).isEqualTo(ConfigCheck.OK);
        assertThat(withLog.account("shop")).contains("  server log: set up, " + tlsDovecot.logFile()
                + " (server user tess)", "  result: OK");
        assertThat(withLog.account("office")).contains("  server log: set up, " + tlsDovecot.logFile(),
                "  WARNING vanishwatch.collector.server-log.users.\"tess\": the log's lines of server user tess are"
                        + " attributed to account shop, which has the same username; removals in office are not"
                        + " attributed to a device",
                "  result: OK, 1 warning");
    }

    @Test
    void aCertificateForAnotherHostNamesTheHostKey() {
        assertThat(all.account("wronghost")).containsExactly(
                "wronghost  localhost:" + tlsDovecot.imapsPort() + " TLS  not connected",
                "  PROBLEM vanishwatch.collector.accounts.wronghost.host: TLS_FAILED TLS with localhost:"
                        + tlsDovecot.imapsPort() + " failed: the server's certificate is not for the host localhost"
                        + " (wrong host: No name matching localhost found)",
                "  result: 1 problem");
    }

    @Test
    void noPasswordIsEverPrinted() {
        assertThat(all.output()).doesNotContain(PASSWORD);
    }
}
