package io.vanishwatch.analyzer.topology;

import static io.vanishwatch.analyzer.Mail.T0;
import static io.vanishwatch.analyzer.Mail.arrived;
import static io.vanishwatch.analyzer.Mail.flagsChanged;
import static io.vanishwatch.analyzer.Mail.removed;
import static io.vanishwatch.analyzer.Mail.removedToNoFolder;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vanishwatch.analyzer.Mail.Message;
import io.vanishwatch.analyzer.rules.AnalyzerSettings;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MailboxEvent;

class PatternTopologyTest {

    private static final String ACCOUNT = "office@demo.example";
    private final AnalyzerDriver driver = new AnalyzerDriver(AnalyzerSettings.defaults(), T0);

    @AfterEach
    void close() {
        driver.close();
    }

    private static Instant at(Duration offset) {
        return T0.plus(offset);
    }

    /**
     * A Mac's junk filter: the message arrives unread and is expunged from INBOX {@code dwell} later; the collector
     * finds it in no other folder.
     */
    private void takenToTheMac(int n, Duration arrival, Duration dwell) {
        Message message = Message.numbered(n);
        driver.pipe(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, n, message, at(arrival)),
                removedToNoFolder(ACCOUNT, "INBOX", FolderRole.INBOX, n, message, at(arrival.plus(dwell)), "\\Deleted"));
    }

    /** Another device: the message is moved unread from INBOX to Junk {@code dwell} after arriving. */
    private void movedToJunk(int n, Duration arrival, Duration dwell) {
        Message message = Message.numbered(n);
        driver.pipe(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, n, message, at(arrival)),
                removed(ACCOUNT, "INBOX", FolderRole.INBOX, n, message, at(arrival.plus(dwell))),
                arrived(ACCOUNT, "Junk", FolderRole.JUNK, 100 + n, message, at(arrival.plus(dwell).plusSeconds(1))));
    }

    @Test
    void threeUnreadMessagesGoneWithinMinutesRaiseExactlyOneFiringAlertOnTheThird() {
        takenToTheMac(1, Duration.ofMinutes(0), Duration.ofSeconds(40));
        takenToTheMac(2, Duration.ofMinutes(2), Duration.ofSeconds(40));
        driver.advanceWallClock(Duration.ofSeconds(10));
        assertThat(driver.disappearances()).hasSize(2);
        assertThat(driver.alerts()).as("two are not yet a pattern").isEmpty();

        takenToTheMac(3, Duration.ofMinutes(4), Duration.ofSeconds(40));

        // the verdict decides at once: no wall-clock time passes before the alert
        List<Disappearance> third = driver.disappearances();
        List<TestRecord<String, Alert>> alerts = driver.alertRecords();
        assertThat(third).singleElement().satisfies(d -> assertThat(d.subject()).isEqualTo("Invoice 3"));
        assertThat(alerts).singleElement().satisfies(record -> {
            Alert alert = record.value();
            assertThat(record.key()).isEqualTo(ACCOUNT);
            assertThat(alert.status()).isEqualTo(Alert.Status.FIRING);
            assertThat(alert.pattern()).isEqualTo(Alert.Pattern.CLIENT_MOVES_TO_LOCAL);
            assertThat(alert.alertKey()).isEqualTo(Alert.alertKey(ACCOUNT, Alert.Pattern.CLIENT_MOVES_TO_LOCAL));
            assertThat(alert.count()).isEqualTo(3);
            assertThat(alert.firstSeen()).isEqualTo(at(Duration.ofSeconds(40)));
            assertThat(alert.summary()).startsWith("3 unread messages vanished from INBOX of " + ACCOUNT
                    + " within 40 seconds of arriving; they are in no folder on the server.");
            assertThat(alert.evidence()).allSatisfy(d -> assertThat(d.basis()).isEqualTo(Disappearance.Basis.FOLDER_CHECK));
            assertThat(alert.evidence()).extracting(Disappearance::messageId).containsExactly(
                    "<msg-1@supplier.example>", "<msg-2@supplier.example>", "<msg-3@supplier.example>");
        });

        driver.advanceWallClock(Duration.ofMinutes(1));
        assertThat(driver.alerts()).as("nothing more while nothing happens").isEmpty();
    }

    @Test
    void aFiringEpisodeIsResolvedAfterTheQuietPeriodAndARecurrenceStartsANewOne() {
        takenToTheMac(1, Duration.ofMinutes(0), Duration.ofSeconds(30));
        takenToTheMac(2, Duration.ofMinutes(1), Duration.ofSeconds(30));
        takenToTheMac(3, Duration.ofMinutes(2), Duration.ofSeconds(30));
        driver.advanceWallClock(Duration.ofSeconds(10));
        Alert firing = driver.alerts().get(0);

        driver.advanceWallClock(Duration.ofMinutes(14));
        assertThat(driver.alerts()).isEmpty();
        driver.advanceWallClock(Duration.ofMinutes(1));

        assertThat(driver.alerts()).singleElement().satisfies(resolved -> {
            assertThat(resolved.status()).isEqualTo(Alert.Status.RESOLVED);
            assertThat(resolved.firstSeen()).isEqualTo(firing.firstSeen());
            assertThat(resolved.count()).isEqualTo(3);
            assertThat(resolved.summary()).contains("for 15 minutes");
        });

        takenToTheMac(4, Duration.ofMinutes(60), Duration.ofSeconds(30));
        takenToTheMac(5, Duration.ofMinutes(61), Duration.ofSeconds(30));
        takenToTheMac(6, Duration.ofMinutes(62), Duration.ofSeconds(30));
        driver.advanceWallClock(Duration.ofSeconds(10));
        assertThat(driver.alerts()).singleElement().satisfies(again -> {
            assertThat(again.status()).isEqualTo(Alert.Status.FIRING);
            assertThat(again.firstSeen()).isEqualTo(at(Duration.ofMinutes(60).plusSeconds(30)));
            assertThat(again.notificationKey()).isNotEqualTo(firing.notificationKey());
        });
    }

    @Test
    void unreadMessagesMovedToJunkRaiseTheJunkWarningAndNeverTheClientFilterAlert() {
        movedToJunk(1, Duration.ofMinutes(0), Duration.ofSeconds(20));
        movedToJunk(2, Duration.ofMinutes(1), Duration.ofSeconds(20));
        movedToJunk(3, Duration.ofMinutes(2), Duration.ofSeconds(20));
        driver.advanceWallClock(Duration.ofMinutes(1));

        assertThat(driver.disappearances()).hasSize(3)
                .allSatisfy(d -> assertThat(d.destination()).isEqualTo(Disappearance.Destination.MOVED));
        assertThat(driver.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.pattern()).isEqualTo(Alert.Pattern.MOVED_TO_JUNK);
            assertThat(alert.severity()).isEqualTo(Alert.Severity.WARNING);
            assertThat(alert.summary()).contains("to Junk", "hidden there, not lost");
        });
    }

    @Test
    void normalUseRaisesNothing() {
        // read, then deleted a few minutes later
        for (int n = 1; n <= 4; n++) {
            Message message = Message.numbered(n);
            Duration arrival = Duration.ofMinutes(n);
            driver.pipe(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, n, message, at(arrival)),
                    flagsChanged(ACCOUNT, "INBOX", FolderRole.INBOX, n, message, at(arrival.plusSeconds(30)), MailboxEvent.SEEN),
                    removedToNoFolder(ACCOUNT, "INBOX", FolderRole.INBOX, n, message, at(arrival.plusSeconds(90)), MailboxEvent.SEEN, "\\Deleted"));
        }
        // read, then archived much later
        for (int n = 5; n <= 8; n++) {
            Message message = Message.numbered(n);
            driver.pipe(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, n, message, at(Duration.ofMinutes(n))),
                    removed(ACCOUNT, "INBOX", FolderRole.INBOX, n, message, at(Duration.ofMinutes(40 + n)), MailboxEvent.SEEN),
                    arrived(ACCOUNT, "Archive", FolderRole.ARCHIVE, 200 + n, message, at(Duration.ofMinutes(40 + n).plusSeconds(1)), MailboxEvent.SEEN));
        }
        // unread, deleted (expunged) an hour later
        for (int n = 9; n <= 12; n++) {
            Message message = Message.numbered(n);
            driver.pipe(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, n, message, at(Duration.ofMinutes(60 + n))),
                    removedToNoFolder(ACCOUNT, "INBOX", FolderRole.INBOX, n, message, at(Duration.ofMinutes(120 + n))));
        }
        driver.advanceWallClock(Duration.ofMinutes(30));

        assertThat(driver.disappearances()).hasSize(12);
        assertThat(driver.alerts()).isEmpty();
    }
}
