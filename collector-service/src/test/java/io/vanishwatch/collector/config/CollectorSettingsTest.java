package io.vanishwatch.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class CollectorSettingsTest {

    private static final String OFFICE = "vanishwatch.collector.accounts.office.";
    private static final UnaryOperator<String> NO_ENVIRONMENT = name -> null;

    private static CollectorSettings settings(Map<String, String> properties, UnaryOperator<String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(CollectorConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return CollectorSettings.from(config.getConfigMapping(CollectorConfig.class), environment);
    }

    private static Map<String, String> office(String... keyValues) {
        Map<String, String> properties = new HashMap<>();
        properties.put(OFFICE + "host", "imap.example.org");
        properties.put(OFFICE + "username", "alice");
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put(OFFICE + keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    @Test
    void anAccountDefaultsToTlsOnPort993WithCertificateChecksAndTheGlobalTimings() {
        CollectorSettings settings = settings(office("password", "s3cret"), NO_ENVIRONMENT);

        AccountSettings office = settings.accounts().get(0);
        assertThat(office.security()).isEqualTo(Security.TLS);
        assertThat(office.port()).isEqualTo(993);
        assertThat(office.verifyCertificates()).isTrue();
        assertThat(office.inboxFolder()).isEqualTo("INBOX");
        assertThat(office.junkFolder()).isEmpty();
        assertThat(office.password().reveal()).isEqualTo("s3cret");
        assertThat(office.toString()).doesNotContain("s3cret");
        assertThat(settings.initialBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.maxBackoff()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.idleRefresh()).isEqualTo(Duration.ofMinutes(25));
        assertThat(settings.resyncInterval()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void starttlsAndPlainDefaultToPort143AndPlainOnlyWhenWrittenOut() {
        assertThat(settings(office("password", "x", "security", "starttls"), NO_ENVIRONMENT).accounts().get(0).port())
                .isEqualTo(143);
        AccountSettings plain = settings(office("password", "x", "security", "PLAIN", "port", "3143"),
                NO_ENVIRONMENT).accounts().get(0);
        assertThat(plain.security()).isEqualTo(Security.PLAIN);
        assertThat(plain.port()).isEqualTo(3143);
    }

    @Test
    void anUnknownSecurityIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> settings(office("password", "x", "security", "none"), NO_ENVIRONMENT))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(OFFICE + "security: 'none' is not one of TLS, STARTTLS, PLAIN");
    }

    @Test
    void aMissingPasswordSourceNamesTheKey() {
        assertThatThrownBy(() -> settings(office(), NO_ENVIRONMENT))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(OFFICE + "password: one of password, password-env, password-file is required");
    }

    @Test
    void twoPasswordSourcesAreAnError() {
        assertThatThrownBy(() -> settings(office("password", "x", "password-env", "OFFICE_PW"), NO_ENVIRONMENT))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(OFFICE + "password: give exactly one of password, password-env, password-file,"
                        + " not password and password-env");
    }

    @Test
    void anUnsetPasswordVariableNamesTheKeyAndTheVariable() {
        assertThatThrownBy(() -> settings(office("password-env", "OFFICE_PW"), NO_ENVIRONMENT))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(OFFICE + "password-env: environment variable OFFICE_PW is not set");
    }

    @Test
    void thePasswordComesFromTheNamedVariableOrFile(@TempDir Path dir) throws IOException {
        assertThat(settings(office("password-env", "OFFICE_PW"), name -> name.equals("OFFICE_PW") ? "fromEnv" : null)
                .accounts().get(0).password().reveal()).isEqualTo("fromEnv");

        Path file = Files.writeString(dir.resolve("office.pw"), "fromFile\n");
        assertThat(settings(office("password-file", file.toString()), NO_ENVIRONMENT)
                .accounts().get(0).password().reveal()).isEqualTo("fromFile");
    }

    @Test
    void aPasswordFileIsReadAgainAtEachUseSoAFixedPasswordNeedsNoRestart(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("office.pw"), "before\n");
        Password password = settings(office("password-file", file.toString()), NO_ENVIRONMENT).accounts().get(0)
                .password();

        Files.writeString(file, "after\n");
        assertThat(password.reveal()).isEqualTo("after");

        // a file emptied or removed while being edited keeps the last password it held
        Files.writeString(file, "");
        assertThat(password.reveal()).isEqualTo("after");
        Files.delete(file);
        assertThat(password.reveal()).isEqualTo("after");
        assertThat(password.toString()).doesNotContain("after");
    }

    @Test
    void anUnreadablePasswordFileNamesTheKeyAndThePath(@TempDir Path dir) {
        Path missing = dir.resolve("missing.pw");
        assertThatThrownBy(() -> settings(office("password-file", missing.toString()), NO_ENVIRONMENT))
                .hasMessageContaining(OFFICE + "password-file: cannot read " + missing);
    }

    @Test
    void aMissingHostAndUsernameAreBothReported() {
        Map<String, String> properties = Map.of(OFFICE + "password", "x");
        assertThatThrownBy(() -> settings(properties, NO_ENVIRONMENT))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .containsExactly(OFFICE + "host: is required", OFFICE + "username: is required"));
    }

    @Test
    void certificateChecksAreOffOnlyWhenWrittenOut() {
        assertThat(settings(office("password", "x", "verify-certificates", "false"), NO_ENVIRONMENT)
                .accounts().get(0).verifyCertificates()).isFalse();
    }

    @Test
    void anIdleRefreshBeyondTheRfcLimitIsRejected() {
        Map<String, String> properties = office("password", "x");
        properties.put("vanishwatch.collector.idle-refresh", "30m");
        assertThatThrownBy(() -> settings(properties, NO_ENVIRONMENT))
                .hasMessageContaining("vanishwatch.collector.idle-refresh: must be at most 29m (RFC 2177)");
    }

    @Test
    void noAccountsIsAValidConfiguration() {
        assertThat(settings(Map.of(), NO_ENVIRONMENT).accounts()).isEmpty();
    }

    @Test
    void configuredFolderNamesAreKept() {
        AccountSettings office = settings(office("password", "x", "folders.inbox", "Posteingang",
                "folders.junk", "Spam"), NO_ENVIRONMENT).accounts().get(0);
        assertThat(office.inboxFolder()).isEqualTo("Posteingang");
        assertThat(office.junkFolder()).contains("Spam");
        assertThat(office.trashFolder()).isEmpty();
    }

    @Test
    void everyAccountMayHoldTwoConnectionsUnlessItsBudgetSaysOtherwise() {
        Map<String, String> properties = office("password", "x");
        properties.put("vanishwatch.collector.accounts.shop.host", "imap.shop.example");
        properties.put("vanishwatch.collector.accounts.shop.username", "bob");
        properties.put("vanishwatch.collector.accounts.shop.password", "y");
        properties.put("vanishwatch.collector.accounts.shop.max-connections", "1");

        CollectorSettings settings = settings(properties, NO_ENVIRONMENT);

        assertThat(settings.accounts()).extracting(AccountSettings::id, AccountSettings::maxConnections)
                .containsExactly(org.assertj.core.api.Assertions.tuple("office", 2),
                        org.assertj.core.api.Assertions.tuple("shop", 1));
        assertThat(settings.folderPollInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.checkpointTopic()).isEqualTo("vanishwatch.collector-checkpoints.v1");
        assertThat(settings.transactionalId()).isEqualTo("vanishwatch-collector");
    }

    @Test
    void loginsArePacedByDefaultAtFourPerServerSpreadOverFiveSeconds() {
        CollectorSettings settings = settings(office("password", "x"), NO_ENVIRONMENT);

        assertThat(settings.maxConcurrentLoginsPerServer()).isEqualTo(4);
        assertThat(settings.loginJitter()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aLoginLimitBelowOneAndANegativeLoginJitterAreRejectedNamingTheKeys() {
        Map<String, String> properties = office("password", "x");
        properties.put("vanishwatch.collector.max-concurrent-logins-per-server", "0");
        properties.put("vanishwatch.collector.login-jitter", "-1s");
        assertThatThrownBy(() -> settings(properties, NO_ENVIRONMENT))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .containsExactlyInAnyOrder(
                                "vanishwatch.collector.max-concurrent-logins-per-server: must be at least 1, is 0",
                                "vanishwatch.collector.login-jitter: must not be negative, is PT-1S"));
    }

    @Test
    void aBudgetOfNoConnectionIsRejectedNamingTheKey() {
        Map<String, String> properties = office("password", "x", "max-connections", "0");
        properties.put("vanishwatch.collector.max-connections-per-account", "0");
        assertThatThrownBy(() -> settings(properties, NO_ENVIRONMENT))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .contains("vanishwatch.collector.max-connections-per-account: must be at least 1, is 0",
                                OFFICE + "max-connections: must be at least 1, is 0"));
    }

    @Test
    void excludedFoldersMatchByFullNameWithWildcardsButNeverTheInbox() {
        AccountSettings office = settings(office("password", "x", "folders.exclude", "Archive/20*, Shared"),
                NO_ENVIRONMENT).accounts().get(0);

        assertThat(office.excludes("Archive/2019")).isTrue();
        assertThat(office.excludes("Shared")).isTrue();
        assertThat(office.excludes("Archive")).isFalse();
        assertThat(office.excludes("Shared/Team")).isFalse();
        assertThat(office.excludes("INBOX")).isFalse();
        assertThatThrownBy(() -> settings(office("password", "x", "folders.exclude", "INBOX"), NO_ENVIRONMENT))
                .hasMessageContaining(OFFICE + "folders.exclude: the INBOX (INBOX) is always watched");
    }

    @Test
    void withoutAServerLogPathThereIsNoFollower() {
        assertThat(settings(office("password", "pw"), NO_ENVIRONMENT).serverLog()).isEmpty();
    }

    @Test
    void aLogShipperNeedsNoAccountAndAttributesByUsernameAndByTheUsersMap(@TempDir Path dir) {
        Map<String, String> properties = office("password", "pw");
        properties.put("vanishwatch.collector.server-log.path", dir.resolve("dovecot.log").toString());
        properties.put("vanishwatch.collector.server-log.users.\"bob@example.org\"", "shop");
        properties.put("vanishwatch.collector.server-log.time-zone", "Europe/Berlin");

        ServerLogSettings log = settings(properties, NO_ENVIRONMENT).serverLog().orElseThrow();

        assertThat(log.accountsByUser()).containsOnly(Map.entry("alice", "office"), Map.entry("bob@example.org", "shop"));
        assertThat(log.startAtEnd()).isTrue();
        assertThat(log.zone()).hasToString("Europe/Berlin");
        Map<String, String> shipper = new HashMap<>();
        shipper.put("vanishwatch.collector.server-log.path", "-");
        shipper.put("vanishwatch.collector.server-log.users.carol", "shop");
        CollectorSettings alone = settings(shipper, NO_ENVIRONMENT);
        assertThat(alone.accounts()).isEmpty();
        assertThat(alone.serverLog().orElseThrow().stdin()).isTrue();
    }

    @Test
    void aBadServerLogSettingNamesItsKey() {
        Map<String, String> properties = new HashMap<>();
        properties.put("vanishwatch.collector.server-log.path", "/no/such/dir/dovecot.log");
        properties.put("vanishwatch.collector.server-log.format", "exim");
        properties.put("vanishwatch.collector.server-log.start-at", "middle");
        properties.put("vanishwatch.collector.server-log.time-zone", "Mars/Olympus");

        assertThatThrownBy(() -> settings(properties, NO_ENVIRONMENT))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems()).containsExactly(
                        "vanishwatch.collector.server-log.path: the directory of /no/such/dir/dovecot.log does not exist",
                        "vanishwatch.collector.server-log.format: 'exim' is not a known log format; known: dovecot",
                        "vanishwatch.collector.server-log.start-at: 'middle' is neither end nor beginning",
                        "vanishwatch.collector.server-log.time-zone: 'Mars/Olympus' is not a time zone (e.g. Europe/Berlin, UTC)",
                        "vanishwatch.collector.server-log.users.<server-user>: no account to attribute the log to; watch"
                                + " an account, or map server users to account ids here"));
        Map<String, String> usersOnly = new HashMap<>();
        usersOnly.put("vanishwatch.collector.server-log.users.alice", "office");
        assertThatThrownBy(() -> settings(usersOnly, NO_ENVIRONMENT)).hasMessageContaining(
                "vanishwatch.collector.server-log.users: maps server users to accounts, but"
                        + " vanishwatch.collector.server-log.path is not set");
    }
}
