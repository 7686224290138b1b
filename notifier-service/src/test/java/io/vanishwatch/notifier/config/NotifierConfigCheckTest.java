package io.vanishwatch.notifier.config;

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

class NotifierConfigCheckTest {

    @TempDir
    Path dir;

    private String check(String properties, int expectedStatus) throws IOException {
        Path file = Files.writeString(dir.resolve("accounts.properties"), properties);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = NotifierConfigCheck.run(new String[] {file.toString()}, Map.of(),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertThat(status).as(output).isEqualTo(expectedStatus);
        return output;
    }

    @Test
    void theChannelsAreNamedAndTheOtherServicesKeysLeftToThem() throws IOException {
        assertThat(check("""
                vanishwatch.notifier.webhook.url=https://hooks.example.net/vanishwatch
                vanishwatch.collector.accounts.office.host=imap.example.net
                vanishwatch.analyzer.client-filter.min-count=2
                """, NotifierConfigCheck.OK)).endsWith("notifier keys: OK (channels: webhook)\n");
    }

    @Test
    void aMisspelledKeyAndARouteToAnUnknownReceiverAreNamed() throws IOException {
        assertThat(check("""
                vanishwatch.notifier.webhook.url=https://hooks.example.net/vanishwatch
                vanishwatch.notifier.webhok.url=https://hooks.example.net/other
                """, NotifierConfigCheck.CONFIGURATION_ERROR))
                .contains("CONFIG ERROR vanishwatch.notifier.webhok.url: not a key of the notifier (a typo?); the"
                        + " notifier refuses it at start (line 2)");
        assertThat(check("""
                vanishwatch.notifier.webhook.url=https://hooks.example.net/vanishwatch
                vanishwatch.notifier.routes.shop.receiver=nobody
                """, NotifierConfigCheck.CONFIGURATION_ERROR))
                .contains("CONFIG ERROR vanishwatch.notifier.routes.shop.receiver");
    }
}
