package io.vanishwatch.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vanishwatch.collector.oauth.RefreshTokenGrant;
import io.vanishwatch.collector.oauth.TokenCommand;
import io.vanishwatch.collector.oauth.TokenLogin;

/** The {@code auth} and {@code oauth2.*} keys: a complete token source, or the start stops naming the key. */
class OAuth2SettingsTest {

    private static final String GMAIL = "vanishwatch.collector.accounts.gmail.";
    private static final UnaryOperator<String> NO_ENVIRONMENT = name -> null;

    private static CollectorSettings settings(Map<String, String> properties, UnaryOperator<String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(CollectorConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return CollectorSettings.from(config.getConfigMapping(CollectorConfig.class), environment);
    }

    private static Map<String, String> gmail(String... keyValues) {
        Map<String, String> properties = new HashMap<>();
        properties.put(GMAIL + "host", "imap.gmail.com");
        properties.put(GMAIL + "username", "office@example.org");
        properties.put(GMAIL + "auth", "XOAUTH2");
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put(GMAIL + keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    @Test
    void theRefreshGrantTakesItsSecretsFromTheEnvironmentAndShowsNone() {
        AccountSettings gmail = settings(gmail("oauth2.token-url", "https://oauth2.googleapis.com/token",
                "oauth2.client-id", "123.apps.googleusercontent.com", "oauth2.client-secret-env", "GMAIL_CLIENT_SECRET",
                "oauth2.refresh-token-env", "GMAIL_REFRESH_TOKEN", "oauth2.scope", "https://mail.google.com/"),
                name -> switch (name) {
                    case "GMAIL_CLIENT_SECRET" -> "GOCSPX-secret";
                    case "GMAIL_REFRESH_TOKEN" -> "1//refresh";
                    default -> null;
                }).accounts().get(0);

        assertThat(gmail.oauth2()).get().extracting(TokenLogin::mechanism).isEqualTo(TokenLogin.Mechanism.XOAUTH2);
        assertThat(gmail.oauth2().get().tokens()).isInstanceOf(RefreshTokenGrant.class);
        assertThat(gmail.password()).isNull();
        assertThat(gmail.toString()).contains("https://oauth2.googleapis.com/token")
                .doesNotContain("GOCSPX-secret").doesNotContain("1//refresh");
    }

    @Test
    void aTokenCommandIsTheOtherSource() {
        TokenLogin login = settings(gmail("auth", "oauthbearer", "oauth2.token-command",
                "az account get-access-token --query accessToken -o tsv"), NO_ENVIRONMENT).accounts().get(0).oauth2()
                .orElseThrow();
        assertThat(login.mechanism()).isEqualTo(TokenLogin.Mechanism.OAUTHBEARER);
        assertThat(login.tokens()).isInstanceOf(TokenCommand.class);
    }

    @Test
    void passwordStaysTheDefault() {
        Map<String, String> properties = gmail("password", "pw");
        properties.remove(GMAIL + "auth");

        AccountSettings account = settings(properties, NO_ENVIRONMENT).accounts().get(0);

        assertThat(account.oauth2()).isEmpty();
        assertThat(account.password().reveal()).isEqualTo("pw");
    }

    @Test
    void anIncompleteOrContradictoryOAuth2SetupNamesEachKey() {
        assertThatThrownBy(() -> settings(gmail(), NO_ENVIRONMENT))
                .hasMessageContaining(GMAIL + "oauth2.token-url: with auth=XOAUTH2 or OAUTHBEARER, set token-url");
        assertThatThrownBy(() -> settings(gmail("oauth2.token-url", "https://login.example/token"), NO_ENVIRONMENT))
                .hasMessageContaining(GMAIL + "oauth2.client-id: is required")
                .hasMessageContaining(GMAIL + "oauth2.refresh-token: one of refresh-token, refresh-token-env,"
                        + " refresh-token-file is required");
        assertThatThrownBy(() -> settings(gmail("oauth2.token-url", "http://login.example/token", "oauth2.client-id",
                "x", "oauth2.refresh-token", "r"), NO_ENVIRONMENT))
                .hasMessageContaining(GMAIL + "oauth2.token-url: 'http://login.example/token' is not an https URL");
        assertThatThrownBy(() -> settings(gmail("oauth2.token-command", "get-token", "oauth2.token-url",
                "https://login.example/token"), NO_ENVIRONMENT))
                .hasMessageContaining(GMAIL + "oauth2.token-command: give either token-command or token-url");
        assertThatThrownBy(() -> settings(gmail("oauth2.token-command", "get-token", "password", "pw"),
                NO_ENVIRONMENT))
                .hasMessageContaining(GMAIL + "password: is not used with auth=XOAUTH2");
        assertThatThrownBy(() -> settings(gmail("auth", "oauth"), NO_ENVIRONMENT))
                .hasMessageContaining(GMAIL + "auth: 'oauth' is not one of PASSWORD, XOAUTH2, OAUTHBEARER");
        Map<String, String> forgotAuth = gmail("password", "pw", "oauth2.token-command", "get-token");
        forgotAuth.remove(GMAIL + "auth");
        assertThatThrownBy(() -> settings(forgotAuth, NO_ENVIRONMENT))
                .hasMessageContaining(GMAIL + "oauth2: is set, but auth is PASSWORD");
    }
}
