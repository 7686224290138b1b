package io.vanishwatch.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./vanishwatch watch FILE} as a user runs it, with configurations it must refuse: a message and a non-zero exit. */
class WatchCommandSystemTest {

    private static final String ACCOUNT = """
            vanishwatch.collector.accounts.office.host=127.0.0.1
            vanishwatch.collector.accounts.office.port=1
            vanishwatch.collector.accounts.office.security=PLAIN
            vanishwatch.collector.accounts.office.username=office
            vanishwatch.collector.accounts.office.password=secret
            """;
    private static final String CHANNEL = "vanishwatch.notifier.webhook.url=http://127.0.0.1:9/hook\n";

    @TempDir
    Path dir;

    /** What the command printed and how it ended. */
    record Run(int exit, String output) {
    }

    private Run watch(String fileName, String content) throws IOException, InterruptedException {
        Path file = Files.writeString(dir.resolve(fileName), content);
        Path home = VanishwatchOnDovecot.home();
        String classPath = home.resolve("launcher/target/classes") + ":" + home.resolve("launcher/target/lib") + "/*";
        Process process = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Dvanishwatch.home=" + home, "-Dvanishwatch.data=" + dir.resolve("data"), "-cp", classPath,
                "io.vanishwatch.launcher.Vanishwatch", "watch", file.toString()))
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    @Test
    void aFileWithoutThePropertiesSuffixIsReadAndATypoInTheFirstPartOfAKeyIsNamed() throws Exception {
        Run run = watch("my-config", ACCOUNT + CHANNEL + "vanishwatch.colector.resync-interval=30s\n");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output()).contains("vanishwatch.colector.resync-interval: not a Vanishwatch key")
                .contains("my-config");
    }

    @Test
    void noAccountOrNoChannelStopsTheCommand() throws Exception {
        Run noAccount = watch("no-account.properties", CHANNEL);
        Run noChannel = watch("no-channel", ACCOUNT);

        assertThat(noAccount.exit()).isEqualTo(1);
        assertThat(noAccount.output()).contains("no account to watch");
        assertThat(noChannel.exit()).isEqualTo(1);
        assertThat(noChannel.output()).contains("no channel for the alerts");
    }

    @Test
    void aTypoInsideAServicesKeysStopsTheCommandWithTheKeyTheServiceNamed() throws Exception {
        Run run = watch("office", ACCOUNT + CHANNEL + "vanishwatch.collector.resync-intervall=30s\n");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output()).contains("collector-service exited")
                .contains("vanishwatch.collector.resync-intervall")
                .doesNotContain("password=secret");
    }
}
