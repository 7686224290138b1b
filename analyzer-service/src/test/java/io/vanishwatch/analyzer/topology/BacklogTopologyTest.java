package io.vanishwatch.analyzer.topology;

import static io.vanishwatch.analyzer.Mail.T0;
import static io.vanishwatch.analyzer.Mail.at;
import static io.vanishwatch.analyzer.Mail.arrived;
import static io.vanishwatch.analyzer.Mail.removed;
import static io.vanishwatch.analyzer.Mail.removedInto;
import static io.vanishwatch.analyzer.Mail.removedToNoFolder;
import static io.vanishwatch.analyzer.Mail.watch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

import io.vanishwatch.analyzer.Mail.Message;
import io.vanishwatch.analyzer.rules.AnalyzerSettings;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.MailboxEvent.WatchState;

/**
 * An analyzer that was stopped while mail vanished and reads the backlog hours later decides exactly what one that
 * ran throughout decided: the same disappearances and the same alerts, stamped alike.
 */
class BacklogTopologyTest {

    private static final String ACCOUNT = "office@demo.example";
    private static final String OTHER = "shop@demo.example";

    /** Forty minutes of one office: every way a removal is decided, duplicates, a quiet gap, a blind spell. */
    private static List<MailboxEvent> anAfternoon() {
        List<MailboxEvent> events = new ArrayList<>();
        events.add(watch(ACCOUNT, WatchState.CONNECTED, at(-60)));
        for (int n = 1; n <= 3; n++) {
            Message message = Message.numbered(n);
            events.add(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, n, message, at(120 * (n - 1))));
            events.add(removedToNoFolder(ACCOUNT, "INBOX", FolderRole.INBOX, n, message, at(120 * (n - 1) + 40)));
        }
        Message noVerdict = Message.numbered(4);
        events.add(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 4, noVerdict, at(330)));
        events.add(removed(ACCOUNT, "INBOX", FolderRole.INBOX, 4, noVerdict, at(360)));
        Message toJunk = Message.numbered(5);
        events.add(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 5, toJunk, at(400)));
        events.add(removed(ACCOUNT, "INBOX", FolderRole.INBOX, 5, toJunk, at(420)));
        events.add(arrived(ACCOUNT, "Junk", FolderRole.JUNK, 50, toJunk, at(421)));
        events.add(events.get(2));
        events.add(events.get(3));
        events.add(arrived(OTHER, "INBOX", FolderRole.INBOX, 1, Message.numbered(100), at(500)));
        String[] folders = {"Newsletters", "Archive", "[Gmail]/All Mail"};
        FolderRole[] roles = {FolderRole.OTHER, FolderRole.ARCHIVE, FolderRole.ALL_MAIL};
        for (int i = 0; i < 3; i++) {
            Message message = Message.numbered(6 + i);
            events.add(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 6 + i, message, at(2400 + 60 * i)));
            events.add(removedInto(ACCOUNT, "INBOX", FolderRole.INBOX, 6 + i, message, at(2420 + 60 * i), folders[i],
                    roles[i], 60 + i));
        }
        Message whileBlind = Message.numbered(9);
        events.add(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 9, whileBlind, at(2600)));
        events.add(removed(ACCOUNT, "INBOX", FolderRole.INBOX, 9, whileBlind, at(2650)));
        events.add(watch(ACCOUNT, WatchState.AUTH_FAILED, at(2655)));
        events.add(arrived(OTHER, "INBOX", FolderRole.INBOX, 2, Message.numbered(101), at(2900)));
        events.add(watch(ACCOUNT, WatchState.CONNECTED, at(3000)));
        events.add(arrived(OTHER, "INBOX", FolderRole.INBOX, 3, Message.numbered(102), at(3011)));
        return events;
    }

    private record Outcome(List<TestRecord<String, Disappearance>> disappearances, List<TestRecord<String, Alert>> alerts) {
    }

    /** Live: the wall clock runs with the events, ticking every 10 seconds, and on for an hour after the last. */
    private static Outcome live(List<MailboxEvent> events) {
        try (AnalyzerDriver driver = new AnalyzerDriver(AnalyzerSettings.defaults(), at(-120))) {
            for (MailboxEvent event : events) {
                if (event.observedAt().isAfter(driver.wallClock())) {
                    driver.idle(Duration.between(driver.wallClock(), event.observedAt()));
                }
                driver.pipeInBurst(event);
            }
            driver.idle(Duration.ofHours(1));
            return new Outcome(driver.disappearanceRecords(), driver.alertRecords());
        }
    }

    /** A backlog: started three hours late, reading everything in one burst with a wall-clock tick between records. */
    private static Outcome backlog(List<MailboxEvent> events) {
        try (AnalyzerDriver driver = new AnalyzerDriver(AnalyzerSettings.defaults(), at(3 * 3600))) {
            for (MailboxEvent event : events) {
                driver.pipeInBurst(event);
                driver.advanceWallClock(Duration.ofMillis(200));
            }
            driver.idle(Duration.ofHours(1));
            return new Outcome(driver.disappearanceRecords(), driver.alertRecords());
        }
    }

    private static List<Object> stamped(List<? extends TestRecord<String, ?>> records) {
        return records.stream().map(record -> (Object) List.of(record.timestamp(), record.key(), record.value())).toList();
    }

    @Test
    void theSameInputLiveOrAsABacklogGivesTheSameDisappearancesAndAlerts() {
        Outcome live = live(anAfternoon());
        Outcome backlog = backlog(anAfternoon());

        assertThat(live.disappearances()).extracting(record -> record.value().uid(), record -> record.value().basis())
                .containsExactly(
                        tuple(1L, Disappearance.Basis.FOLDER_CHECK), tuple(2L, Disappearance.Basis.FOLDER_CHECK),
                        tuple(3L, Disappearance.Basis.FOLDER_CHECK), tuple(4L, Disappearance.Basis.WINDOW_PASSED),
                        tuple(5L, Disappearance.Basis.ARRIVAL_SEEN), tuple(6L, Disappearance.Basis.FOLDER_CHECK),
                        tuple(7L, Disappearance.Basis.FOLDER_CHECK), tuple(8L, Disappearance.Basis.FOLDER_CHECK),
                        tuple(9L, Disappearance.Basis.WINDOW_PASSED));
        assertThat(live.alerts()).extracting(record -> record.value().pattern(), record -> record.value().status(),
                        record -> record.value().count(), TestRecord::timestamp)
                .containsExactly(
                        tuple(Alert.Pattern.CLIENT_MOVES_TO_LOCAL, Alert.Status.FIRING, 3, at(280).toEpochMilli()),
                        tuple(Alert.Pattern.CLIENT_MOVES_TO_LOCAL, Alert.Status.UPDATED, 4, at(580).toEpochMilli()),
                        tuple(Alert.Pattern.CLIENT_MOVES_TO_LOCAL, Alert.Status.RESOLVED, 4, at(1260).toEpochMilli()),
                        tuple(Alert.Pattern.MOVED_TO_FOLDER, Alert.Status.FIRING, 3, at(2540).toEpochMilli()),
                        tuple(Alert.Pattern.WATCHER_BLIND, Alert.Status.FIRING, 1, at(2655 + 120).toEpochMilli()),
                        tuple(Alert.Pattern.WATCHER_BLIND, Alert.Status.RESOLVED, 1, at(3000).toEpochMilli()),
                        tuple(Alert.Pattern.MOVED_TO_FOLDER, Alert.Status.RESOLVED, 3, at(3440).toEpochMilli()));
        assertThat(stamped(backlog.disappearances())).isEqualTo(stamped(live.disappearances()));
        assertThat(stamped(backlog.alerts())).isEqualTo(stamped(live.alerts()));
    }

    @Test
    void aBacklogNeverEndsAnEpisodeWhileItIsBeingReadHoweverLateTheWallClock() {
        List<MailboxEvent> events = new ArrayList<>();
        for (int n = 1; n <= 6; n++) {
            Message message = Message.numbered(n);
            events.add(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, n, message, at(240 * n)));
            events.add(removedToNoFolder(ACCOUNT, "INBOX", FolderRole.INBOX, n, message, at(240 * n + 30)));
        }
        try (AnalyzerDriver driver = new AnalyzerDriver(AnalyzerSettings.defaults(), at(24 * 3600))) {
            for (MailboxEvent event : events) {
                driver.pipeInBurst(event);
                driver.advanceWallClock(Duration.ofSeconds(3));
            }
            assertThat(driver.alerts()).extracting(Alert::status, Alert::count).containsExactly(
                    tuple(Alert.Status.FIRING, 3), tuple(Alert.Status.UPDATED, 4), tuple(Alert.Status.UPDATED, 5));

            driver.idle(Duration.ofSeconds(10));
            assertThat(driver.alerts()).as("the update that fell due before it went quiet, then the end")
                    .extracting(Alert::status, Alert::count)
                    .containsExactly(tuple(Alert.Status.UPDATED, 6), tuple(Alert.Status.RESOLVED, 6));
        }
    }
}
