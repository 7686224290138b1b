package io.vanishwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckConfigTest {

    @TempDir
    Path dir;

    @Test
    void aKeyOutsideTheServicesIsAConfigurationErrorBeforeTheCollectorIsAsked() throws Exception {
        Path file = Files.writeString(dir.resolve("my-accounts"), """
                vanishwatch.collector.accounts.office.host=imap.example.net
                vanishwatch.notifier.webhook.url=http://127.0.0.1:9/hook
                vanishwatch.colector.max-connections-per-account=1
                """);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        // no packaged collector under this home: the check must stop before it would be needed
        int status = CheckConfig.run(dir, file, Map.of(), new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("vanishwatch.colector.max-connections-per-account: not a Vanishwatch key");
    }

    @Test
    void theKeyChecksOfAnalyzerAndNotifierRunBeforeTheCollectorConnects() {
        assertThat(CheckConfig.MAIN_CLASSES.values()).last().isEqualTo(CheckConfig.MAIN_CLASS);
        assertThat(CheckConfig.MAIN_CLASSES).hasSize(3);
    }

    @Test
    void theCollectorsCheckRunsOnThePackagedCollectorsClasspath() {
        Path app = dir.resolve("collector-service/target/quarkus-app");

        assertThat(CheckConfig.command(app, CheckConfig.MAIN_CLASS, Path.of("a.properties")))
                .contains(CheckConfig.MAIN_CLASS, Path.of("a.properties").toAbsolutePath().toString())
                .anySatisfy(argument -> assertThat(argument).contains(app.resolve("lib/main/*").toString(),
                        app.resolve("quarkus/generated-bytecode.jar").toString()));
    }
}
