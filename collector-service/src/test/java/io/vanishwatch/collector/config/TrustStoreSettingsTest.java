package io.vanishwatch.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vanishwatch.collector.imap.TestCertificateAuthority;

/** The trust-store keys: a PEM or PKCS12 file per account or for all, read at start, every mistake named by key. */
class TrustStoreSettingsTest {

    private static final String COLLECTOR = "vanishwatch.collector.";
    private static final String OFFICE = COLLECTOR + "accounts.office.";
    private static final String SHOP = COLLECTOR + "accounts.shop.";
    private static final UnaryOperator<String> NO_ENVIRONMENT = name -> null;

    @TempDir
    static Path dir;

    private static Path pem;
    private static Path pkcs12;

    @BeforeAll
    static void makeCa() throws Exception {
        TestCertificateAuthority ca = TestCertificateAuthority.create(dir.resolve("pki"), "Office CA");
        pem = ca.certificatePem();
        pkcs12 = ca.certificatePkcs12("store-secret");
    }

    private static CollectorSettings settings(Map<String, String> properties, UnaryOperator<String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(CollectorConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return CollectorSettings.from(config.getConfigMapping(CollectorConfig.class), environment);
    }

    private static Map<String, String> accounts(String... keyValues) {
        Map<String, String> properties = new HashMap<>();
        for (String prefix : new String[] {OFFICE, SHOP}) {
            properties.put(prefix + "host", "imap.example.org");
            properties.put(prefix + "username", "alice");
            properties.put(prefix + "password", "pw");
        }
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    private static AccountSettings account(CollectorSettings settings, String id) {
        return settings.accounts().stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void theGlobalTrustStoreServesEveryAccountButOneWithItsOwn() {
        CollectorSettings settings = settings(accounts(COLLECTOR + "trust-store", pem.toString(),
                SHOP + "trust-store", pkcs12.toString(), SHOP + "trust-store-password-env", "SHOP_TRUST_PW"),
                name -> name.equals("SHOP_TRUST_PW") ? "store-secret" : null);

        assertThat(account(settings, "office").trustStore()).get().extracting(TrustStore::file).isEqualTo(pem);
        assertThat(account(settings, "shop").trustStore()).get().extracting(TrustStore::file).isEqualTo(pkcs12);
        assertThat(account(settings, "shop").trustStore().get().certificates()).singleElement()
                .satisfies(c -> assertThat(c.getSubjectX500Principal().getName()).isEqualTo("CN=Office CA"));
        assertThat(account(settings, "shop").toString()).doesNotContain("store-secret");
    }

    @Test
    void withoutATrustStoreOnlyTheJdksAuthoritiesAreTrusted() {
        assertThat(account(settings(accounts(), NO_ENVIRONMENT), "office").trustStore()).isEmpty();
    }

    @Test
    void aMissingOrUnreadableTrustStoreStopsTheStartNamingTheKey() throws Exception {
        Path notCertificates = Files.writeString(dir.resolve("notes.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n"
                + "-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> settings(accounts(OFFICE + "trust-store", dir.resolve("nowhere.pem").toString()),
                NO_ENVIRONMENT)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(OFFICE + "trust-store: cannot read " + dir.resolve("nowhere.pem"));
        assertThatThrownBy(() -> settings(accounts(COLLECTOR + "trust-store", notCertificates.toString()),
                NO_ENVIRONMENT)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(COLLECTOR + "trust-store: " + notCertificates
                        + " is PEM but holds no CERTIFICATE");
    }

    @Test
    void aPkcs12FileWithAWrongPasswordIsNamedWithoutThePassword() {
        assertThatThrownBy(() -> settings(accounts(OFFICE + "trust-store", pkcs12.toString(),
                OFFICE + "trust-store-password", "not-the-one"), NO_ENVIRONMENT))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(OFFICE + "trust-store: " + pkcs12 + " cannot be opened with the password given")
                .hasMessageNotContaining("not-the-one");
    }

    @Test
    void aTrustStoreThatWouldCheckNothingIsAMistake() {
        assertThatThrownBy(() -> settings(accounts(OFFICE + "trust-store", pem.toString(),
                OFFICE + "verify-certificates", "false"), NO_ENVIRONMENT))
                .hasMessageContaining(OFFICE + "trust-store: verify-certificates is false");
        assertThatThrownBy(() -> settings(accounts(OFFICE + "trust-store", pem.toString(),
                OFFICE + "security", "PLAIN"), NO_ENVIRONMENT))
                .hasMessageContaining(OFFICE + "trust-store: security is PLAIN");
        assertThatThrownBy(() -> settings(accounts(OFFICE + "trust-store-password", "x"), NO_ENVIRONMENT))
                .hasMessageContaining(OFFICE + "trust-store-password: is set, but " + OFFICE + "trust-store is not");
        assertThatThrownBy(() -> settings(accounts(OFFICE + "trust-store", pkcs12.toString(),
                OFFICE + "trust-store-password", "x", OFFICE + "trust-store-password-env", "X"), NO_ENVIRONMENT))
                .hasMessageContaining(OFFICE + "trust-store-password: give exactly one of trust-store-password,"
                        + " trust-store-password-env, trust-store-password-file");
    }
}
