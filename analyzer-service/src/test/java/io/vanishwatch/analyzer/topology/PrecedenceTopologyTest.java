package io.vanishwatch.analyzer.topology;

import static io.vanishwatch.analyzer.Mail.T0;
import static io.vanishwatch.analyzer.Mail.arrived;
import static io.vanishwatch.analyzer.Mail.at;
import static io.vanishwatch.analyzer.Mail.removedInto;
import static io.vanishwatch.analyzer.Mail.removedToNoFolder;
import static io.vanishwatch.analyzer.Mail.watch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vanishwatch.analyzer.Mail.Message;
import io.vanishwatch.analyzer.rules.AnalyzerSettings;
import io.vanishwatch.analyzer.rules.PatternRule;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MailboxEvent.WatchState;

/** Which pattern speaks when several match one account, through the whole topology. */
class PrecedenceTopologyTest {

    private static final String ACCOUNT = "office@demo.example";
    private final AnalyzerSettings defaults = AnalyzerSettings.defaults();
    private final AnalyzerSettings settings = new AnalyzerSettings(defaults.correlationWindow(),
            defaults.punctuateInterval(), defaults.dedupRetention(), defaults.caughtUpWithin(),
            List.of(PatternRule.massRemoval(20, Duration.ofMinutes(10), Duration.ofMinutes(10))));
    private final AnalyzerDriver driver = new AnalyzerDriver(settings, T0);

    @AfterEach
    void close() {
        driver.close();
    }

    /** A message received a year ago, known to the analyzer only by its INTERNALDATE. */
    private static Message old(int n) {
        return new Message("<old-" + n + "@supplier.example>", "billing@supplier.example", "Statement " + n,
                T0.minus(Duration.ofDays(365)));
    }

    @Test
    void aMassRemovalEndsTheAlertItExplainsAndHoldsBackWhatWouldFireBesideIt() {
        driver.pipeInBurst(watch(ACCOUNT, WatchState.CONNECTED, at(-60)));
        for (int n = 1; n <= 3; n++) {
            Message invoice = Message.numbered(n);
            driver.pipeInBurst(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, n, invoice, at(10 * n)),
                    removedToNoFolder(ACCOUNT, "INBOX", FolderRole.INBOX, n, invoice, at(10 * n + 5)));
        }
        assertThat(driver.alerts()).extracting(Alert::pattern, Alert::status)
                .containsExactly(tuple(Alert.Pattern.CLIENT_MOVES_TO_LOCAL, Alert.Status.FIRING));

        for (int n = 100; n < 117; n++) {
            driver.pipeInBurst(removedToNoFolder(ACCOUNT, "INBOX", FolderRole.INBOX, n, old(n), at(60 + n - 100),
                    "\\Seen"));
        }
        List<Alert> atTwenty = driver.alerts();
        assertThat(atTwenty).extracting(Alert::pattern, Alert::status, Alert::count).containsExactly(
                tuple(Alert.Pattern.MASS_REMOVAL, Alert.Status.FIRING, 20),
                tuple(Alert.Pattern.CLIENT_MOVES_TO_LOCAL, Alert.Status.RESOLVED, 3));
        assertThat(atTwenty.get(1).summary()).startsWith("Now covered by the mass removal alert of " + ACCOUNT);

        for (int n = 200; n < 203; n++) {
            Message fresh = Message.numbered(n);
            driver.pipeInBurst(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, n, fresh, at(100 + n - 200)),
                    removedInto(ACCOUNT, "INBOX", FolderRole.INBOX, n, fresh, at(110 + n - 200), "Trash",
                            FolderRole.TRASH, n));
        }
        for (int n = 300; n < 320; n++) {
            driver.pipeInBurst(removedToNoFolder(ACCOUNT, "Archive", FolderRole.ARCHIVE, n, old(n), at(120 + n - 300)));
        }
        List<TestRecord<String, Alert>> later = driver.alertRecords();
        assertThat(later).extracting(r -> r.value().pattern(), r -> r.value().status(), r -> r.value().count())
                .as("deleted unread crossed its threshold while the mass removal fired: held back, named instead")
                .containsExactly(tuple(Alert.Pattern.MASS_REMOVAL, Alert.Status.UPDATED, 40));
        assertThat(later.get(0).value().facts()).containsEntry(Alert.FACT_HELD_BACK, "DELETED_UNREAD=3");
        assertThat(later.get(0).value().summary()).endsWith("Also matching, not alerted separately: deleted unread (3 messages).");

        driver.idle(Duration.ofMinutes(20));
        assertThat(driver.alerts()).as("the last 3 said when the update fell due; the held episode ends silently")
                .extracting(Alert::pattern, Alert::status, Alert::count)
                .containsExactly(tuple(Alert.Pattern.MASS_REMOVAL, Alert.Status.UPDATED, 43),
                        tuple(Alert.Pattern.MASS_REMOVAL, Alert.Status.RESOLVED, 43));
    }

    @Test
    void aBlindWatchIsSaidByTheWallClockWhenItsAccountAndItsPartitionSendNothingMore() {
        driver.pipe(watch(ACCOUNT, WatchState.CONNECTED, at(0)), watch(ACCOUNT, WatchState.AUTH_FAILED, at(30)));
        driver.idle(Duration.ofSeconds(90));
        assertThat(driver.alerts()).isEmpty();

        driver.idle(Duration.ofSeconds(60));
        List<TestRecord<String, Alert>> blind = driver.alertRecords();
        assertThat(blind).singleElement().satisfies(record -> {
            assertThat(record.value().pattern()).isEqualTo(Alert.Pattern.WATCHER_BLIND);
            assertThat(record.value().status()).isEqualTo(Alert.Status.FIRING);
            assertThat(record.timestamp()).isEqualTo(at(150).toEpochMilli());
        });

        driver.pipe(watch(ACCOUNT, WatchState.CONNECTED, at(400)));
        assertThat(driver.alerts()).extracting(Alert::pattern, Alert::status)
                .containsExactly(tuple(Alert.Pattern.WATCHER_BLIND, Alert.Status.RESOLVED));
    }
}
