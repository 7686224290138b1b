package io.vanishwatch.collector.check;

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

/** A configuration the collector would refuse stops the check before it connects, with exit 2 and every key named. */
class ConfigCheckTest {

    @TempDir
    Path dir;

    private String run(String properties, int expectedStatus) throws IOException {
        Path file = dir.resolve("accounts.properties");
        Files.writeString(file, properties);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = ConfigCheck.run(new String[] {file.toString()}, Map.of(),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertThat(status).as(output).isEqualTo(expectedStatus);
        return output;
    }

    @Test
    void aMisspelledKeyIsAConfigurationErrorNamingIt() throws IOException {
        String output = run("""
                vanishwatch.collector.accounts.office.host=imap.example.org
                vanishwatch.collector.accounts.office.username=alice
                vanishwatch.collector.accounts.office.password=secret-1
                vanishwatch.collector.accounts.office.prot=993
                """, ConfigCheck.CONFIGURATION_ERROR);

        assertThat(output).contains("nothing was connected to")
                .contains("CONFIG ERROR vanishwatch.collector.accounts.office.prot: not a key of the collector (a typo?);"
                        + " the collector refuses it at start (line 4)")
                .doesNotContain("secret-1");
    }

    @Test
    void everyMissingOrWrongValueIsNamedByItsKey() throws IOException {
        String output = run("""
                vanishwatch.collector.accounts.office.host=imap.example.org
                vanishwatch.collector.accounts.office.security=SSL
                vanishwatch.collector.accounts.office.password-env=OFFICE_PASSWORD
                """, ConfigCheck.CONFIGURATION_ERROR);

        assertThat(output).contains(
                "CONFIG ERROR vanishwatch.collector.accounts.office.username: is required",
                "CONFIG ERROR vanishwatch.collector.accounts.office.security: 'SSL' is not one of TLS, STARTTLS, PLAIN",
                "CONFIG ERROR vanishwatch.collector.accounts.office.password-env: environment variable OFFICE_PASSWORD"
                        + " is not set");
    }

    @Test
    void aFileThatCannotBeReadIsAConfigurationError() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = ConfigCheck.run(new String[] {dir.resolve("missing.properties").toString()}, Map.of(),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(ConfigCheck.CONFIGURATION_ERROR);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("CONFIG ERROR cannot read the configuration file");
    }
}
