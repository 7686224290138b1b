package io.vanishwatch.analyzer.topology;

import static io.vanishwatch.analyzer.Mail.T0;
import static io.vanishwatch.analyzer.Mail.arrived;
import static io.vanishwatch.analyzer.Mail.removedToNoFolder;
import static io.vanishwatch.analyzer.Mail.removedInto;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vanishwatch.analyzer.Mail.Message;
import io.vanishwatch.analyzer.ServerLog;
import io.vanishwatch.analyzer.rules.AnalyzerSettings;
import io.vanishwatch.events.DeadLetterHeaders;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.RemovedBy;

class AttributionTopologyTest {

    private static final String ACCOUNT = "office@demo.example";
    private static final ServerLog MAC = ServerLog.imap(ACCOUNT, "23MGy0thutZ/AAAB", "192.0.2.14", "Mac OS X Mail");
    private static final ServerLog IPHONE = ServerLog.imap(ACCOUNT, "X/QOy0thxtZ/AAAB", "192.0.2.15", "iPhone Mail");
    private static final ServerLog POP3 = ServerLog.pop3(ACCOUNT, "p0p0y0thxtZ/AAAB", "192.0.2.20");

    private final AnalyzerDriver driver = new AnalyzerDriver(AnalyzerSettings.defaults(), T0);

    @AfterEach
    void close() {
        driver.close();
    }

    private static Instant at(double seconds) {
        return T0.plusMillis((long) (seconds * 1000));
    }

    @Test
    void aServerRecordThatCameBeforeTheRemovalNamesTheDeviceAndTheDelete() {
        Message message = Message.numbered(1);
        driver.pipe(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 1, message, at(0)));
        driver.pipeServerLog(MAC.deleted("INBOX", 1, message, at(30)), MAC.expunge("INBOX", 1, message, at(30.1)));

        driver.pipe(removedToNoFolder(ACCOUNT, "INBOX", FolderRole.INBOX, 1, message, at(30.6), "\\Deleted"));

        assertThat(driver.disappearances()).singleElement().satisfies(d -> {
            assertThat(d.removedBy()).isEqualTo("'Mac OS X Mail' at 192.0.2.14 (imap session 23MGy0thutZ/AAAB)");
            assertThat(d.removedByDevice()).isEqualTo(new RemovedBy("Mac OS X Mail", null, "192.0.2.14",
                    "23MGy0thutZ/AAAB", "imap", RemovedBy.Action.EXPUNGE_AFTER_DELETE, null, at(30.1)));
        });
    }

    @Test
    void aDisappearanceOfAnAccountWithAServerLogWaitsForTheRecordThatComesAfterIt() {
        Message message = Message.numbered(1);
        driver.pipeServerLog(MAC.login(at(0)));
        driver.pipe(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 1, message, at(1)),
                removedToNoFolder(ACCOUNT, "INBOX", FolderRole.INBOX, 1, message, at(30)));
        assertThat(driver.disappearances()).as("waiting for the server's record").isEmpty();

        driver.pipeServerLog(MAC.copy("INBOX", 1, message, "Junk", at(31)));
        assertThat(driver.disappearances()).as("a copy alone: the expunge may still come").isEmpty();
        driver.pipeServerLog(MAC.expunge("INBOX", 1, message, at(31.2)));

        assertThat(driver.disappearances()).singleElement().satisfies(d -> {
            assertThat(d.removedByDevice().action()).isEqualTo(RemovedBy.Action.MOVE);
            assertThat(d.removedByDevice().copiedTo()).isEqualTo("Junk");
            assertThat(d.removedByDevice().device()).isEqualTo("'Mac OS X Mail' at 192.0.2.14");
        });
    }

    @Test
    void withoutTheServerRecordTheDisappearanceGoesOnUnattributedAfterTheWaitOnTheWallClock() {
        Message message = Message.numbered(1);
        driver.pipeServerLog(MAC.login(at(0)));
        driver.pipe(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 1, message, at(1)),
                removedToNoFolder(ACCOUNT, "INBOX", FolderRole.INBOX, 1, message, at(30)));
        driver.advanceWallClock(Duration.ofSeconds(2));
        assertThat(driver.disappearances()).isEmpty();

        driver.advanceWallClock(Duration.ofSeconds(2));

        assertThat(driver.disappearances()).singleElement().satisfies(d -> {
            assertThat(d.removedBy()).isNull();
            assertThat(d.removedByDevice()).isNull();
        });
    }

    @Test
    void withoutTheServerRecordTheDisappearanceGoesOnWhenStreamTimePassesTheWaitInABacklog() {
        Message first = Message.numbered(1);
        Message second = Message.numbered(2);
        driver.pipeServerLog(MAC.login(at(0)));
        driver.pipeInBurst(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 1, first, at(1)),
                arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 2, second, at(2)),
                removedToNoFolder(ACCOUNT, "INBOX", FolderRole.INBOX, 1, first, at(30)),
                removedToNoFolder(ACCOUNT, "INBOX", FolderRole.INBOX, 2, second, at(40)));

        assertThat(driver.disappearances()).as("the first waited 3 s of stream time, in removal order")
                .extracting(Disappearance::uid).containsExactly(1L);
    }

    @Test
    void anAccountWithNoServerLogNeverWaits() {
        Message message = Message.numbered(1);
        driver.pipeServerLog(MAC.login(at(0)));
        String other = "shop@demo.example";

        driver.pipe(arrived(other, "INBOX", FolderRole.INBOX, 1, message, at(1)),
                removedToNoFolder(other, "INBOX", FolderRole.INBOX, 1, message, at(30)));

        assertThat(driver.disappearances()).singleElement()
                .satisfies(d -> assertThat(d.removedBy()).as("an unknown device").isNull());
    }

    @Test
    void aServerLogSilentForLongerThanActiveForIsNotWaitedFor() {
        Message message = Message.numbered(1);
        driver.pipeServerLog(MAC.login(at(0)));

        driver.pipe(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 1, message, at(3600)),
                removedToNoFolder(ACCOUNT, "INBOX", FolderRole.INBOX, 1, message, at(3601)));

        assertThat(driver.disappearances()).hasSize(1);
    }

    @Test
    void eachRemovalIsNamedForItsOwnDeviceByMessageIdElseByFolderAndUid() {
        Message one = Message.numbered(1);
        Message two = Message.numbered(2);
        Message noId = new Message(null, "x@example.org", "no id", T0);
        driver.pipe(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 1, one, at(0)),
                arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 2, two, at(1)),
                arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 3, noId, at(2)));
        driver.pipeServerLog(MAC.expunge("INBOX", 1, one, at(10)), IPHONE.expunge("INBOX", 2, two, at(11)),
                IPHONE.expunge("INBOX", 3, noId, at(12)));

        driver.pipe(removedToNoFolder(ACCOUNT, "INBOX", FolderRole.INBOX, 1, one, at(10.5)),
                removedToNoFolder(ACCOUNT, "INBOX", FolderRole.INBOX, 2, two, at(11.5)),
                removedToNoFolder(ACCOUNT, "INBOX", FolderRole.INBOX, 3, noId, at(12.5)));

        List<Disappearance> explained = driver.disappearances();
        assertThat(explained).extracting(d -> d.removedByDevice().device()).containsExactly(
                "'Mac OS X Mail' at 192.0.2.14", "'iPhone Mail' at 192.0.2.15", "'iPhone Mail' at 192.0.2.15");
    }

    @Test
    void aPop3SessionThatRetrievesAndDeletesIsNamedAsSuch() {
        Message message = Message.numbered(1);
        driver.pipe(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 1, message, at(0)));
        driver.pipeServerLog(POP3.retrieve("INBOX", 1, message, at(60)), POP3.deleted("INBOX", 1, message, at(60.1)),
                POP3.expunge("INBOX", 1, message, at(60.2)));

        driver.pipe(removedToNoFolder(ACCOUNT, "INBOX", FolderRole.INBOX, 1, message, at(60.5)));

        assertThat(driver.disappearances()).singleElement().satisfies(d -> {
            assertThat(d.removedByDevice().action()).isEqualTo(RemovedBy.Action.POP3_RETRIEVE_AND_DELETE);
            assertThat(d.removedByDevice().device()).isEqualTo("a POP3 client at 192.0.2.20");
        });
    }

    @Test
    void aMoveFoundByTheCollectorIsAttributedToo() {
        Message message = Message.numbered(1);
        driver.pipe(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 1, message, at(0)));
        driver.pipeServerLog(IPHONE.copy("INBOX", 1, message, "Junk", at(20)), IPHONE.expunge("INBOX", 1, message, at(20)));

        driver.pipe(removedInto(ACCOUNT, "INBOX", FolderRole.INBOX, 1, message, at(20.5), "Junk", FolderRole.JUNK, 7));

        assertThat(driver.disappearances()).singleElement().satisfies(d -> {
            assertThat(d.destination()).isEqualTo(Disappearance.Destination.MOVED);
            assertThat(d.removedByDevice().action()).isEqualTo(RemovedBy.Action.MOVE);
            assertThat(d.removedBy()).startsWith("'iPhone Mail' at 192.0.2.15");
        });
    }

    @Test
    void aRecordAboutAnotherFolderOrFarOffInTimeIsNotTaken() {
        Message message = Message.numbered(1);
        driver.pipe(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 1, message, at(0)));
        driver.pipeServerLog(MAC.expunge("Junk", 9, message, at(9)), IPHONE.expunge("INBOX", 1, message, at(10)));

        driver.pipe(removedToNoFolder(ACCOUNT, "INBOX", FolderRole.INBOX, 1, message, at(400)));
        driver.advanceWallClock(Duration.ofSeconds(5));

        assertThat(driver.disappearances()).singleElement()
                .satisfies(d -> assertThat(d.removedBy()).isNull());
    }

    @Test
    void theAlertNamesEachDeviceThatTookNewMailWithItsCount() {
        driver.pipeServerLog(MAC.login(at(0)), IPHONE.login(at(0)));
        for (int n = 1; n <= 3; n++) {
            Message message = Message.numbered(n);
            ServerLog device = n == 2 ? IPHONE : MAC;
            driver.pipe(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, n, message, at(60 * n)));
            driver.pipe(removedToNoFolder(ACCOUNT, "INBOX", FolderRole.INBOX, n, message, at(60 * n + 30), "\\Deleted"));
            driver.pipeServerLog(device.deleted("INBOX", n, message, at(60 * n + 29.9)),
                    device.expunge("INBOX", n, message, at(60 * n + 30.5)));
        }

        assertThat(driver.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.pattern()).isEqualTo(Alert.Pattern.CLIENT_MOVES_TO_LOCAL);
            assertThat(alert.summary()).contains(
                    "Removed by: 2 by 'Mac OS X Mail' at 192.0.2.14, 1 by 'iPhone Mail' at 192.0.2.15.");
            assertThat(alert.facts()).containsEntry(Alert.FACT_DEVICES,
                    "'Mac OS X Mail' at 192.0.2.14=2, 'iPhone Mail' at 192.0.2.15=1");
            assertThat(alert.evidence()).extracting(d -> d.removedByDevice().action())
                    .containsOnly(RemovedBy.Action.EXPUNGE_AFTER_DELETE);
        });
    }

    @Test
    void aPoisonServerLogRecordIsParkedOnItsDeadLetterTopic() {
        driver.pipeRawServerLog("office".getBytes(StandardCharsets.UTF_8), "{not json".getBytes(StandardCharsets.UTF_8), T0);
        driver.pipeRawServerLog("office".getBytes(StandardCharsets.UTF_8), "{\"action\":\"EXPUNGE\"}".getBytes(StandardCharsets.UTF_8), T0);

        assertThat(driver.serverLogDeadLetters()).hasSize(2)
                .allSatisfy(r -> assertThat(r.headers().lastHeader(DeadLetterHeaders.PROCESSOR).value())
                        .asString(StandardCharsets.UTF_8).isEqualTo(AnalyzerTopology.SERVER_LOG_DECODER));
    }
}
