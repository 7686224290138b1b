package io.vanishwatch.analyzer.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzerConfigCheckTest {

    @TempDir
    Path dir;

    private String check(String properties, int expectedStatus) throws IOException {
        Path file = Files.writeString(dir.resolve("accounts.properties"), properties);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = AnalyzerConfigCheck.run(new String[] {file.toString()}, Map.of(),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertThat(status).as(output).isEqualTo(expectedStatus);
        return output;
    }

    @Test
    void theAnalyzersKeysAreCheckedAndTheOthersLeftToTheirServices() throws IOException {
        assertThat(check("""
                vanishwatch.analyzer.client-filter.min-count=2
                vanishwatch.analyzer.accounts.office.mass-removal.min-count=20
                vanishwatch.collector.accounts.office.host=imap.example.net
                vanishwatch.notifier.webhook.url=http://127.0.0.1:9/hook
                """, AnalyzerConfigCheck.OK)).isEqualTo("analyzer keys: OK\n");
    }

    @Test
    void aMisspelledOrWrongAnalyzerKeyIsNamed() throws IOException {
        assertThat(check("vanishwatch.analyzer.client-filter.min-cuont=2\n", AnalyzerConfigCheck.CONFIGURATION_ERROR))
                .contains("CONFIG ERROR vanishwatch.analyzer.client-filter.min-cuont: not a key of the analyzer"
                        + " (a typo?); the analyzer refuses it at start (line 1)");
        assertThat(check("vanishwatch.analyzer.correlation-window=0s\n", AnalyzerConfigCheck.CONFIGURATION_ERROR))
                .contains("CONFIG ERROR ").contains("correlation-window");
    }
}
