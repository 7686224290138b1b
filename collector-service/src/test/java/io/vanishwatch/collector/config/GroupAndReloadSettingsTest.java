package io.vanishwatch.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.smallrye.config.SmallRyeConfig;

/**
 * {@code assignment}, {@code group.*}, {@code config-reload-interval} and {@code description-store.directory}, read
 * from a file as the service reads it.
 */
class GroupAndReloadSettingsTest {

    private static final String ACCOUNTS = """
            vanishwatch.collector.accounts.office.host=imap.example.org
            vanishwatch.collector.accounts.office.username=alice
            vanishwatch.collector.accounts.office.password=s3cret
            vanishwatch.collector.accounts.shop.host=imap.example.org
            vanishwatch.collector.accounts.shop.username=info
            vanishwatch.collector.accounts.shop.password-env=SHOP_PW
            """;

    @TempDir
    Path dir;

    private SmallRyeConfig read(String text) throws IOException {
        Path file = dir.resolve("collector.properties");
        Files.writeString(file, text);
        return ConfigFiles.read(List.of(file), Map.of("SHOP_PW", "pw"), "prod", false);
    }

    private CollectorSettings settings(String text) throws IOException {
        return CollectorSettings.from(read(text).getConfigMapping(CollectorConfig.class), name -> "pw");
    }

    @Test
    void oneCollectorWatchesEveryAccountUnlessToldToShare() throws IOException {
        CollectorSettings settings = settings(ACCOUNTS);

        assertThat(settings.group()).isEmpty();
        assertThat(settings.configReloadInterval()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void sharingCollectorsJoinTheDefaultGroupWithAShortSessionAndAnInstanceName() throws IOException {
        GroupSettings group = settings(ACCOUNTS + "vanishwatch.collector.assignment=GROUP\n").group().orElseThrow();

        assertThat(group.id()).isEqualTo("vanishwatch-collector");
        assertThat(group.accountsTopic()).isEqualTo("vanishwatch.collector-accounts.v1");
        assertThat(group.sessionTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(group.instanceId()).endsWith("-" + ProcessHandle.current().pid());
    }

    @Test
    void wrongGroupSettingsAreRefusedNamingEachKey() {
        assertThatThrownBy(() -> settings(ACCOUNTS + "vanishwatch.collector.assignment=shared\n"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("vanishwatch.collector.assignment: must be all")
                .hasMessageContaining("is shared");
        assertThatThrownBy(() -> settings(ACCOUNTS + """
                vanishwatch.collector.assignment=group
                vanishwatch.collector.group.session-timeout=2s
                vanishwatch.collector.config-reload-interval=-1s
                """))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("vanishwatch.collector.group.session-timeout: must be between 6s and 30m")
                .hasMessageContaining("vanishwatch.collector.config-reload-interval: must not be negative");
    }

    @Test
    void theDescriptionStoreIsInTheTemporaryDirectoryOrOneThatCanBeWrittenOrMade() throws IOException {
        assertThat(settings(ACCOUNTS).descriptionStoreDirectory()).isEmpty();
        Path made = dir.resolve("scratch/descriptions");
        assertThat(settings(ACCOUNTS + "vanishwatch.collector.description-store.directory=" + made + "\n")
                .descriptionStoreDirectory()).contains(made);

        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        assertThatThrownBy(() -> settings(ACCOUNTS + "vanishwatch.collector.description-store.directory="
                + file.resolve("below") + "\n"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("vanishwatch.collector.description-store.directory: " + file.resolve("below")
                        + " is not a directory");
    }

    @Test
    void anAccountsDigestChangesWithItsOwnKeysAndTheGlobalOnesItTakesOnly() throws IOException {
        Map<String, String> before = ConfigFiles.accountDigests(read(ACCOUNTS), List.of("office", "shop"));

        Map<String, String> sameAgain = ConfigFiles.accountDigests(read(ACCOUNTS), List.of("office", "shop"));
        Map<String, String> officeMoved = ConfigFiles.accountDigests(read(ACCOUNTS.replace(
                "office.host=imap.example.org", "office.host=mail.example.org")), List.of("office", "shop"));
        Map<String, String> budget = ConfigFiles.accountDigests(read(ACCOUNTS
                + "vanishwatch.collector.max-connections-per-account=1\n"), List.of("office", "shop"));
        Map<String, String> timing = ConfigFiles.accountDigests(read(ACCOUNTS
                + "vanishwatch.collector.resync-interval=30s\n"), List.of("office", "shop"));

        assertThat(sameAgain).isEqualTo(before);
        assertThat(officeMoved.get("office")).isNotEqualTo(before.get("office"));
        assertThat(officeMoved.get("shop")).isEqualTo(before.get("shop"));
        assertThat(budget.get("office")).isNotEqualTo(before.get("office"));
        assertThat(budget.get("shop")).isNotEqualTo(before.get("shop"));
        assertThat(timing).as("read at start only").isEqualTo(before);
        assertThat(before.values()).allSatisfy(digest -> assertThat(digest).doesNotContain("s3cret").hasSize(64));
    }
}
