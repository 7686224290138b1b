package io.vanishwatch.analyzer.topology;

import static io.vanishwatch.analyzer.Mail.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vanishwatch.analyzer.ServerLog;
import io.vanishwatch.analyzer.rules.AnalyzerSettings;
import io.vanishwatch.analyzer.rules.Precedence;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.ServerLogEvent;

class LoginTopologyTest {

    private static final String ACCOUNT = "office@demo.example";
    private static final ServerLog MAC = ServerLog.imap(ACCOUNT, "s-mac", "192.0.2.14", "Mac OS X Mail");
    private static final ServerLog IPHONE = ServerLog.imap(ACCOUNT, "s-iphone", "192.0.2.15", "iPhone Mail");
    private static final ServerLog THUNDERBIRD = ServerLog.imap(ACCOUNT, "s-tb", "192.0.2.16", "Thunderbird");
    private static final ServerLog STRANGER = ServerLog.imap(ACCOUNT, "s-new", "198.51.100.7", "Thunderbird");

    private final AnalyzerDriver driver = new AnalyzerDriver(AnalyzerSettings.defaults(), T0);

    @AfterEach
    void close() {
        driver.close();
    }

    private static ServerLogEvent failed(ServerLog device, Instant at) {
        return new ServerLogEvent(ServerLogEvent.eventId("test", device.session() + at), ServerLogEvent.Action.LOGIN_FAILED,
                ACCOUNT, ACCOUNT, null, null, null, null, Set.of(), device.session(), "imap", device.clientIp(),
                device.clientName(), null, "auth failed, 1 attempts", at, "dovecot");
    }

    @Test
    void aBurstOfFailedLoginsNamesEachFailingDevice() {
        for (int n = 0; n < 4; n++) {
            driver.pipeServerLog(failed(n == 2 ? THUNDERBIRD : IPHONE, T0.plus(Duration.ofMinutes(2L * n))));
        }
        assertThat(driver.alerts()).as("4 failures in 10 minutes are below the threshold").isEmpty();

        driver.pipeServerLog(failed(IPHONE, T0.plus(Duration.ofMinutes(9))));

        assertThat(driver.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.pattern()).isEqualTo(Alert.Pattern.LOGIN_FAILURES);
            assertThat(alert.severity()).isEqualTo(Alert.Severity.WARNING);
            assertThat(alert.count()).isEqualTo(5);
            assertThat(alert.summary()).isEqualTo("Since 2026-03-02 09:00:00 UTC 'iPhone Mail' at 192.0.2.15 (4 times)"
                    + " and 'Thunderbird' at 192.0.2.16 (once) fail to log in to office@demo.example: 5 failed logins"
                    + " (auth failed, 1 attempts). Was the password changed?");
            assertThat(alert.facts()).containsEntry(Alert.FACT_DEVICES,
                    "'iPhone Mail' at 192.0.2.15=4, 'Thunderbird' at 192.0.2.16=1");
            assertThat(alert.advice()).contains("enter the new one on each device named");
        });
    }

    @Test
    void failuresSpreadWiderThanTheWindowRaiseNothing() {
        for (int n = 0; n < 6; n++) {
            driver.pipeServerLog(failed(IPHONE, T0.plus(Duration.ofMinutes(11L * n))));
        }
        assertThat(driver.alerts()).isEmpty();
    }

    @Test
    void aClientOrAddressNewOnTheAccountAfterItsLearningPeriodIsAnInfoNotice() {
        driver.pipeServerLog(MAC.login(T0), IPHONE.login(T0.plus(Duration.ofHours(2))));
        driver.pipeServerLog(MAC.login(T0.plus(Duration.ofDays(2))), IPHONE.login(T0.plus(Duration.ofDays(2))));
        assertThat(driver.alerts()).as("devices seen in the first day are the account's own").isEmpty();

        driver.pipeServerLog(STRANGER.login(T0.plus(Duration.ofDays(2)).plusSeconds(60)));

        assertThat(driver.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.pattern()).isEqualTo(Alert.Pattern.NEW_DEVICE);
            assertThat(alert.severity()).isEqualTo(Alert.Severity.INFO);
            assertThat(alert.summary()).startsWith("New on office@demo.example: 'Thunderbird' at 198.51.100.7 uses it since");
            assertThat(alert.facts()).containsEntry(Alert.FACT_DEVICES, "'Thunderbird' at 198.51.100.7=1");
        });
        driver.pipeServerLog(STRANGER.login(T0.plus(Duration.ofDays(2)).plusSeconds(120)));
        assertThat(driver.alerts()).as("known now").isEmpty();
    }

    @Test
    void aBlindWatchDoesNotHoldBackWhatTheServerLogSaysAboutLogins() {
        assertThat(Precedence.dominates(Alert.Pattern.WATCHER_BLIND, Alert.Pattern.LOGIN_FAILURES)).isFalse();
        assertThat(Precedence.dominates(Alert.Pattern.MASS_REMOVAL, Alert.Pattern.NEW_DEVICE)).isFalse();
        assertThat(Precedence.ORDER).containsExactlyInAnyOrder(Alert.Pattern.values());
    }
}
