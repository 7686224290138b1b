package io.vanishwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchConfigurationTest {

    private static final String ACCOUNT = "vanishwatch.collector.accounts.office.host=imap.example.net\n";
    private static final String CHANNEL = "vanishwatch.notifier.webhook.url=http://127.0.0.1:9/hook\n";

    @TempDir
    Path dir;

    @Test
    void aFileIsReadWhateverItsNameAndHandedToTheServicesAsAPropertiesFile() throws Exception {
        Path file = Files.writeString(dir.resolve("my-config"), ACCOUNT + CHANNEL + "kafka.bootstrap.servers=k:9092\n");

        WatchConfiguration configuration = WatchConfiguration.read(file, Map.of());
        Path forServices = configuration.asPropertiesFile(dir.resolve("data/config"));

        assertThat(configuration.bootstrapServers()).isEqualTo("k:9092");
        assertThat(forServices.getFileName().toString()).endsWith(".properties");
        Properties read = new Properties();
        try (var in = Files.newBufferedReader(forServices)) {
            read.load(in);
        }
        assertThat(read.getProperty("vanishwatch.collector.accounts.office.host")).isEqualTo("imap.example.net");
        Path named = Files.writeString(dir.resolve("office.properties"), ACCOUNT + CHANNEL);
        assertThat(WatchConfiguration.read(named, Map.of()).asPropertiesFile(dir.resolve("x")))
                .isEqualTo(named.toAbsolutePath());
    }

    @Test
    void aKeyOutsideEveryServiceIsAnErrorNamingIt() throws Exception {
        Path file = Files.writeString(dir.resolve("typo"), ACCOUNT + CHANNEL
                + "vanishwatch.colector.resync-interval=30s\n%prod.vanishwatch.notifer.webhook.url=x\n");

        assertThatThrownBy(() -> WatchConfiguration.read(file, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vanishwatch.colector.resync-interval: not a Vanishwatch key")
                .hasMessageContaining("vanishwatch.notifer.webhook.url: not a Vanishwatch key");
    }

    @Test
    void noAccountAndNoChannelAreBothReported() throws Exception {
        Path file = Files.writeString(dir.resolve("empty.properties"), "# nothing yet\n");

        assertThatThrownBy(() -> WatchConfiguration.read(file, Map.of()))
                .hasMessageContaining("no account to watch")
                .hasMessageContaining("no channel for the alerts");
        assertThat(WatchConfiguration.read(file, Map.of("VANISHWATCH_COLLECTOR_ACCOUNTS_OFFICE_HOST", "h",
                "VANISHWATCH_NOTIFIER_WEBHOOK_URL", "http://x"))).isNotNull();
    }

    @Test
    void aSlackTeamsOrMattermostHookAloneIsAChannel() throws Exception {
        String account = "vanishwatch.collector.accounts.office.host=imap.example.net\n";
        for (String channel : List.of("vanishwatch.notifier.slack.url=https://hooks.slack.com/services/T/B/x\n",
                "vanishwatch.notifier.teams.url-env=TEAMS_HOOK\n",
                "%prod.vanishwatch.notifier.mattermost.url-file=/run/secrets/mattermost-url\n")) {
            Path file = Files.writeString(dir.resolve("chat.properties"), account + channel);

            assertThat(WatchConfiguration.read(file, Map.of())).as(channel).isNotNull();
        }
        Path accountOnly = Files.writeString(dir.resolve("account-only.properties"), account
                + "vanishwatch.notifier.mattermost.username=Vanishwatch\n");
        assertThatThrownBy(() -> WatchConfiguration.read(accountOnly, Map.of()))
                .hasMessageContaining("no channel for the alerts")
                .hasMessageContaining("vanishwatch.notifier.slack.url");
        assertThat(WatchConfiguration.read(accountOnly,
                Map.of("VANISHWATCH_NOTIFIER_MATTERMOST_URL", "https://chat.example.net/hooks/x"))).isNotNull();
    }

    @Test
    void aMailServerLogToFollowIsEnoughToWatchWithoutAnAccount() throws Exception {
        Path file = Files.writeString(dir.resolve("shipper.properties"), CHANNEL
                + "vanishwatch.collector.server-log.path=/var/log/dovecot.log\n"
                + "vanishwatch.collector.server-log.users.alice=office\n");

        assertThat(WatchConfiguration.read(file, Map.of()).properties())
                .containsEntry("vanishwatch.collector.server-log.users.alice", "office");
        assertThatThrownBy(() -> WatchConfiguration.read(Files.writeString(dir.resolve("c.properties"), CHANNEL),
                Map.of())).hasMessageContaining("no account to watch").hasMessageContaining("server-log.path");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> WatchConfiguration.read(dir.resolve("nope.properties"), Map.of()))
                .hasMessageContaining("cannot read the configuration file " + dir.resolve("nope.properties"));
    }

    @Test
    void whetherTheAnalyzersTokenIsSetIsToldFromTheFileForAnyProfileOrTheEnvironment() throws Exception {
        Path plain = Files.writeString(dir.resolve("plain"), ACCOUNT + CHANNEL);
        Path withToken = Files.writeString(dir.resolve("token"), ACCOUNT + CHANNEL
                + "%prod.vanishwatch.analyzer.api.token=s3cret\n");
        String key = "vanishwatch.analyzer.api.token";
        String env = "VANISHWATCH_ANALYZER_API_TOKEN";

        assertThat(WatchConfiguration.read(plain, Map.of()).sets(key, env, Map.of())).isFalse();
        assertThat(WatchConfiguration.read(plain, Map.of()).sets(key, env, Map.of(env, " "))).isFalse();
        assertThat(WatchConfiguration.read(plain, Map.of()).sets(key, env, Map.of(env, "t"))).isTrue();
        assertThat(WatchConfiguration.read(withToken, Map.of()).sets(key, env, Map.of())).isTrue();
    }
}
