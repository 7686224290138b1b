package io.vanishwatch.notifier.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vanishwatch.notifier.delivery.email.EmailSettings;
import io.vanishwatch.notifier.delivery.email.SmtpSecurity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifierSettingsTest {

    private final Map<String, String> environment = new HashMap<>();

    @Test
    void emailIsOnWhenAHostIsSetWithStartTlsPort587AndCertificateChecks() {
        NotifierSettings settings = settings(Map.of(
                "vanishwatch.notifier.email.host", "smtp.example.net",
                "vanishwatch.notifier.email.from", "vanishwatch@example.net",
                "vanishwatch.notifier.email.to", "support@example.net,oncall@example.net"));

        EmailSettings email = settings.email().orElseThrow();
        assertThat(email.security()).isEqualTo(SmtpSecurity.STARTTLS);
        assertThat(email.port()).isEqualTo(587);
        assertThat(email.verifyCertificates()).isTrue();
        assertThat(email.to()).containsExactly("support@example.net", "oncall@example.net");
        assertThat(settings.webhook()).isEmpty();
        assertThat(settings.delivery().retry().maxAttempts()).isEqualTo(Integer.MAX_VALUE);
        assertThat(settings.delivery().retry().initialBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.delivery().retry().maxBackoff()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.delivery().giveUpAfter()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void thePortFollowsTheSecurityUnlessSet() {
        Map<String, String> tls = new HashMap<>(validEmail());
        tls.put("vanishwatch.notifier.email.security", "tls");
        Map<String, String> plain = new HashMap<>(validEmail());
        plain.put("vanishwatch.notifier.email.security", "PLAIN");
        plain.put("vanishwatch.notifier.email.port", "2525");

        assertThat(settings(tls).email().orElseThrow().port()).isEqualTo(465);
        assertThat(settings(plain).email().orElseThrow().port()).isEqualTo(2525);
    }

    @Test
    void emailEnabledWithoutRecipientsFailsNamingTheKey() {
        assertThatThrownBy(() -> settings(Map.of(
                "vanishwatch.notifier.email.enabled", "true",
                "vanishwatch.notifier.email.host", "smtp.example.net",
                "vanishwatch.notifier.email.from", "vanishwatch@example.net")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("vanishwatch.notifier.email.to: required when e-mail is enabled");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, String> bad = new HashMap<>(validEmail());
        bad.put("vanishwatch.notifier.email.security", "SSL3");
        bad.put("vanishwatch.notifier.webhook.url", "ftp://hooks.example.net/x");
        bad.put("vanishwatch.notifier.retry.max-attempts", "0");

        assertThatThrownBy(() -> settings(bad))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .anyMatch(p -> p.startsWith("vanishwatch.notifier.email.security: 'SSL3'"))
                        .anyMatch(p -> p.startsWith("vanishwatch.notifier.webhook.url:"))
                        .anyMatch(p -> p.startsWith("vanishwatch.notifier.retry.max-attempts:")));
    }

    @Test
    void passwordComesFromTheNamedEnvironmentVariableAndIsNeverInAMessage() {
        environment.put("SMTP_PASSWORD", "hunter2");
        Map<String, String> withUser = new HashMap<>(validEmail());
        withUser.put("vanishwatch.notifier.email.username", "vanishwatch");
        withUser.put("vanishwatch.notifier.email.password-env", "SMTP_PASSWORD");

        EmailSettings email = settings(withUser).email().orElseThrow();

        assertThat(email.password()).contains("hunter2");
        assertThat(email.toString()).doesNotContain("hunter2");
    }

    @Test
    void aPasswordFileIsReadAndAMissingVariableIsNamed(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("smtp-password"), "from-file\n");
        Map<String, String> fromFile = new HashMap<>(validEmail());
        fromFile.put("vanishwatch.notifier.email.username", "vanishwatch");
        fromFile.put("vanishwatch.notifier.email.password-file", file.toString());
        Map<String, String> missingEnv = new HashMap<>(validEmail());
        missingEnv.put("vanishwatch.notifier.email.username", "vanishwatch");
        missingEnv.put("vanishwatch.notifier.email.password-env", "NOT_SET_ANYWHERE");

        assertThat(settings(fromFile).email().orElseThrow().password()).contains("from-file");
        assertThatThrownBy(() -> settings(missingEnv))
                .hasMessageContaining("vanishwatch.notifier.email.password-env: environment variable NOT_SET_ANYWHERE is not set");
    }

    @Test
    void aPasswordWithoutAUsernameIsRefused() {
        Map<String, String> passwordOnly = new HashMap<>(validEmail());
        passwordOnly.put("vanishwatch.notifier.email.password", "pa55word-xyz");

        assertThatThrownBy(() -> settings(passwordOnly))
                .hasMessageContaining("vanishwatch.notifier.email.password: set only with vanishwatch.notifier.email.username")
                .hasMessageNotContaining("pa55word-xyz");
    }

    @Test
    void plainHttpWebhookToAnotherHostWorksWithAWarningButLoopbackDoesNot() {
        NotifierSettings remote = settings(Map.of("vanishwatch.notifier.webhook.url", "http://chat.example.net/hooks/abc",
                "vanishwatch.notifier.webhook.bearer-token", "t0ken"));
        NotifierSettings local = settings(Map.of("vanishwatch.notifier.webhook.url", "http://127.0.0.1:9000/hooks"));

        assertThat(remote.webhook()).isPresent();
        assertThat(remote.warnings()).singleElement().asString().contains("plain http").doesNotContain("t0ken");
        assertThat(remote.webhook().orElseThrow().toString()).doesNotContain("t0ken").doesNotContain("abc");
        assertThat(local.warnings()).isEmpty();
    }

    @Test
    void noChannelAtAllStartsButSaysSo() {
        NotifierSettings settings = settings(Map.of());

        assertThat(settings.noChannel()).isTrue();
        assertThat(settings.email()).isEmpty();
    }

    @Test
    void chatHooksAreChannelsTheirUrlsSecretsFromTheValueAnEnvironmentVariableOrAFile(@TempDir Path dir)
            throws Exception {
        // given
        environment.put("TEAMS_HOOK", "https://prod.westeurope.logic.azure.com/workflows/abc/triggers?sig=t3ams-sig");
        Path mattermostUrl = dir.resolve("mattermost-url");
        Files.writeString(mattermostUrl, "https://chat.example.net/hooks/m4ttermost-key\n");

        // when
        NotifierSettings settings = settings(Map.of(
                "vanishwatch.notifier.slack.url", "https://hooks.slack.com/services/T000/B000/sl4ck-key",
                "vanishwatch.notifier.teams.url-env", "TEAMS_HOOK",
                "vanishwatch.notifier.mattermost.url-file", mattermostUrl.toString(),
                "vanishwatch.notifier.mattermost.username", "Vanishwatch"));

        // then
        assertThat(settings.noChannel()).isFalse();
        assertThat(settings.slack().orElseThrow().url().getPath()).endsWith("sl4ck-key");
        assertThat(settings.teams().orElseThrow().url().getQuery()).isEqualTo("sig=t3ams-sig");
        assertThat(settings.mattermost().orElseThrow().target().url().getPath()).endsWith("m4ttermost-key");
        assertThat(settings.mattermost().orElseThrow().username()).contains("Vanishwatch");
        assertThat(settings.slack().orElseThrow().toString()).doesNotContain("sl4ck-key").contains("hooks.slack.com");
        assertThat(settings.teams().orElseThrow().toString()).doesNotContain("t3ams-sig");
    }

    @Test
    void aChatHookUrlThatIsNoHttpsUrlFailsNamingTheKeyButNotTheUrl() {
        assertThatThrownBy(() -> settings(Map.of("vanishwatch.notifier.slack.url", "ftp://hooks.example/s3cret")))
                .hasMessageContaining("vanishwatch.notifier.slack.url: must be an https://")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> settings(Map.of("vanishwatch.notifier.teams.url-env", "NOT_SET")))
                .hasMessageContaining("vanishwatch.notifier.teams.url-env: environment variable NOT_SET is not set");
    }

    @Test
    void theWebhookSigningSecretComesFromAFileAndNeedsTheUrl(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("signing-secret");
        Files.writeString(secret, "whsec-from-file\n");

        NotifierSettings settings = settings(Map.of("vanishwatch.notifier.webhook.url", "https://receiver.example/hook",
                "vanishwatch.notifier.webhook.signing-secret-file", secret.toString()));

        assertThat(settings.webhook().orElseThrow().signingSecret()).contains("whsec-from-file");
        assertThat(settings.webhook().orElseThrow().toString()).doesNotContain("whsec-from-file");
        assertThatThrownBy(() -> settings(Map.of("vanishwatch.notifier.webhook.signing-secret", "whsec-alone")))
                .hasMessageContaining("vanishwatch.notifier.webhook.signing-secret: set only with "
                        + "vanishwatch.notifier.webhook.url")
                .hasMessageNotContaining("whsec-alone");
    }

    @Test
    void maxBackoffBelowInitialBackoffIsRefused() {
        assertThatThrownBy(() -> settings(Map.of("vanishwatch.notifier.retry.initial-backoff", "10s",
                "vanishwatch.notifier.retry.max-backoff", "5s")))
                .hasMessageContaining("vanishwatch.notifier.retry.max-backoff: must be at least");
    }

    @Test
    void aReceiverMayHaveItsOwnChatHooksCheckedUnderItsOwnKeys() {
        Map<String, String> config = new HashMap<>(validEmail());
        config.put("vanishwatch.notifier.receivers.acme-desk.slack.url", "https://hooks.slack.com/services/T1/B2/acme");
        config.put("vanishwatch.notifier.receivers.acme-desk.language", "ja");
        config.put("vanishwatch.notifier.receivers.other.teams.url", "ftp://teams.example.net/x");

        assertThatThrownBy(() -> settings(config))
                .hasMessageContaining("vanishwatch.notifier.receivers.other.teams.url: must be an https:// (or http://) URL");
        config.remove("vanishwatch.notifier.receivers.other.teams.url");
        NotifierSettings settings = settings(config);

        assertThat(settings.receiverHooks()).containsOnlyKeys("acme-desk");
        assertThat(settings.receiverHooks().get("acme-desk").channels()).containsExactly("slack");
        assertThat(settings.slack()).as("the shared Slack hook").isEmpty();
    }

    private static Map<String, String> validEmail() {
        return Map.of(
                "vanishwatch.notifier.email.host", "smtp.example.net",
                "vanishwatch.notifier.email.from", "vanishwatch@example.net",
                "vanishwatch.notifier.email.to", "support@example.net");
    }

    private NotifierSettings settings(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(NotifierConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
        return NotifierSettings.from(config.getConfigMapping(NotifierConfig.class), environment::get);
    }
}
