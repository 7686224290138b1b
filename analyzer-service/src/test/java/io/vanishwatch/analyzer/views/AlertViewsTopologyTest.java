package io.vanishwatch.analyzer.views;

import static io.vanishwatch.analyzer.Mail.T0;
import static io.vanishwatch.analyzer.Mail.arrived;
import static io.vanishwatch.analyzer.Mail.at;
import static io.vanishwatch.analyzer.Mail.goneUnread;
import static io.vanishwatch.analyzer.Mail.removedToNoFolder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vanishwatch.analyzer.Mail.Message;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Alert.Pattern;
import io.vanishwatch.events.Alert.Status;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.FolderRole;

/** The open alerts and each account's alert history, read back from the alerts topic. */
class AlertViewsTopologyTest {

    private static final String ACCOUNT = "office@demo.example";
    private static final String OTHER = "shop@demo.example";
    private static final Duration RETENTION = Duration.ofHours(2);

    private final ViewsDriver driver = new ViewsDriver(new ViewSettings(RETENTION), T0);

    @AfterEach
    void close() {
        driver.close();
    }

    private static Alert alert(String account, Pattern pattern, Status status, int count) {
        List<Disappearance> evidence = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            evidence.add(goneUnread(account, n, at(n * 10), Duration.ofSeconds(5)));
        }
        return new Alert(Alert.alertKey(account, pattern), status, pattern, Alert.Severity.CRITICAL, account, at(10),
                at(count * 10), count, status + " " + count, "check the devices", evidence,
                Map.of(Alert.FACT_INTERVAL, "PT15M"));
    }

    private List<Alert> openAlerts() {
        List<Alert> open = new ArrayList<>();
        try (KeyValueIterator<String, Alert> it = driver.openAlerts().all()) {
            it.forEachRemaining(entry -> open.add(entry.value));
        }
        return open;
    }

    @Test
    void anEpisodeIsOpenWithItsLatestEvidenceUntilResolvedAndEveryStepStaysInTheHistory() {
        // given an episode that fires, grows, and an alert of another pattern and of another account
        driver.pipe(alert(ACCOUNT, Pattern.CLIENT_MOVES_TO_LOCAL, Status.FIRING, 3), at(30))
                .pipe(alert(ACCOUNT, Pattern.MOVED_TO_JUNK, Status.FIRING, 3), at(35))
                .pipe(alert(OTHER, Pattern.CLIENT_MOVES_TO_LOCAL, Status.FIRING, 3), at(36))
                .pipe(alert(ACCOUNT, Pattern.CLIENT_MOVES_TO_LOCAL, Status.UPDATED, 6), at(60));

        // then the open alerts are the latest of each episode, with their evidence
        assertThat(openAlerts()).extracting(Alert::alertKey, Alert::status, Alert::count, a -> a.evidence().size())
                .containsExactlyInAnyOrder(
                        tuple(ACCOUNT + "/CLIENT_MOVES_TO_LOCAL", Status.UPDATED, 6, 6),
                        tuple(ACCOUNT + "/MOVED_TO_JUNK", Status.FIRING, 3, 3),
                        tuple(OTHER + "/CLIENT_MOVES_TO_LOCAL", Status.FIRING, 3, 3));

        // when the first episode is resolved
        driver.pipe(alert(ACCOUNT, Pattern.CLIENT_MOVES_TO_LOCAL, Status.RESOLVED, 6), at(1000));

        // then it is no longer open, and the account's history has every step in order, without the evidence
        assertThat(openAlerts()).extracting(Alert::alertKey)
                .containsExactlyInAnyOrder(ACCOUNT + "/MOVED_TO_JUNK", OTHER + "/CLIENT_MOVES_TO_LOCAL");
        List<KeyValue<Long, Alert>> history = driver.alertHistory(ACCOUNT, T0, at(2000));
        assertThat(history).extracting(entry -> entry.key, entry -> entry.value.pattern(), entry -> entry.value.status())
                .containsExactly(
                        tuple(at(30).toEpochMilli(), Pattern.CLIENT_MOVES_TO_LOCAL, Status.FIRING),
                        tuple(at(35).toEpochMilli(), Pattern.MOVED_TO_JUNK, Status.FIRING),
                        tuple(at(60).toEpochMilli(), Pattern.CLIENT_MOVES_TO_LOCAL, Status.UPDATED),
                        tuple(at(1000).toEpochMilli(), Pattern.CLIENT_MOVES_TO_LOCAL, Status.RESOLVED));
        assertThat(history).allSatisfy(entry -> {
            assertThat(entry.value.evidence()).isEmpty();
            assertThat(entry.value.facts()).containsEntry(Alert.FACT_INTERVAL, "PT15M");
            assertThat(entry.value.summary()).isNotBlank();
        });
    }

    @Test
    void theAlertsTheAnalyzerRaisesAreReadBackIntoTheViews() {
        // given three unread messages taken off the server seconds after arriving
        for (int n = 1; n <= 3; n++) {
            Message message = Message.numbered(n);
            driver.pipe(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, n, message, at(n)),
                    removedToNoFolder(ACCOUNT, "INBOX", FolderRole.INBOX, n, message, at(30 + n)));
        }

        // then the FIRING alert the pattern recogniser wrote is open and in the account's history
        assertThat(openAlerts()).singleElement().satisfies(alert -> {
            assertThat(alert.pattern()).isEqualTo(Pattern.CLIENT_MOVES_TO_LOCAL);
            assertThat(alert.status()).isEqualTo(Status.FIRING);
            assertThat(alert.evidence()).extracting(Disappearance::subject)
                    .containsExactly("Invoice 1", "Invoice 2", "Invoice 3");
        });
        assertThat(driver.alertHistory(ACCOUNT, T0, at(100))).extracting(entry -> entry.key)
                .containsExactly(at(33).toEpochMilli());
    }

    @Test
    void historyOlderThanTheRetentionIsGoneAndAnUnreadableAlertIsSkipped() {
        driver.pipe(alert(ACCOUNT, Pattern.MOVED_TO_JUNK, Status.FIRING, 3), at(0));
        driver.pipeRawAlert(ACCOUNT.getBytes(StandardCharsets.UTF_8), "{not json".getBytes(StandardCharsets.UTF_8), at(5));
        Instant later = at(0).plus(RETENTION).plusSeconds(60);
        driver.pipe(alert(ACCOUNT, Pattern.MOVED_TO_JUNK, Status.RESOLVED, 3), later);

        assertThat(driver.alertHistory(ACCOUNT, T0.minus(Duration.ofDays(1)), later))
                .extracting(entry -> entry.value.status()).containsExactly(Status.RESOLVED);
        assertThat(openAlerts()).isEmpty();
    }
}
