package io.vanishwatch.analyzer.topology;

import static io.vanishwatch.analyzer.Mail.T0;
import static io.vanishwatch.analyzer.Mail.at;
import static io.vanishwatch.analyzer.Mail.arrived;
import static io.vanishwatch.analyzer.Mail.removed;
import static io.vanishwatch.analyzer.Mail.watch;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vanishwatch.analyzer.Mail.Message;
import io.vanishwatch.analyzer.rules.AnalyzerSettings;
import io.vanishwatch.analyzer.rules.WatchStatus;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.MailboxEvent.WatchState;

/** While an account's watch cannot see, missing evidence is not taken for a message gone from the server. */
class BlindWatchTopologyTest {

    private static final String ACCOUNT = "office@demo.example";
    private static final String OTHER = "shop@demo.example";
    private final AnalyzerDriver driver = new AnalyzerDriver(AnalyzerSettings.defaults(), T0);

    @AfterEach
    void close() {
        driver.close();
    }

    /** Another account's mail: it moves the stream time on. */
    private void otherAccountAt(int seconds) {
        driver.pipeInBurst(arrived(OTHER, "INBOX", FolderRole.INBOX, seconds, Message.numbered(1000 + seconds), at(seconds)));
    }

    @Test
    void noFallbackGoneWhileTheWatchIsAuthFailedAndAWindowAfterItIsConnectedAgain() {
        Message invoice = Message.numbered(1);
        driver.pipeInBurst(watch(ACCOUNT, WatchState.CONNECTED, at(-600)),
                arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 1, invoice, at(0)),
                removed(ACCOUNT, "INBOX", FolderRole.INBOX, 1, invoice, at(30)),
                watch(ACCOUNT, WatchState.AUTH_FAILED, at(35)));
        for (int seconds = 60; seconds <= 7200; seconds += 600) {
            otherAccountAt(seconds);
        }
        driver.idle(Duration.ofMinutes(2));
        assertThat(driver.disappearances()).as("two hours of event time while the password is wrong").isEmpty();
        assertThat(driver.<String, WatchStatus>keyValueStore(AnalyzerTopology.WATCH_STATES).get(ACCOUNT))
                .isEqualTo(new WatchStatus(WatchState.AUTH_FAILED, at(35), "test: AUTH_FAILED"));

        driver.pipeInBurst(watch(ACCOUNT, WatchState.CONNECTED, at(7300)));
        otherAccountAt(7310);
        assertThat(driver.disappearances()).as("the window after reconnecting has not passed").isEmpty();

        otherAccountAt(7311);
        assertThat(driver.disappearances()).singleElement().satisfies(d -> {
            assertThat(d.destination()).isEqualTo(Disappearance.Destination.GONE);
            assertThat(d.basis()).isEqualTo(Disappearance.Basis.WINDOW_PASSED);
            assertThat(d.removedAt()).isEqualTo(at(30));
        });
    }

    @Test
    void whatTheResyncFindsAfterReconnectingExplainsARemovalMadeWhileBlind() {
        Message invoice = Message.numbered(2);
        driver.pipeInBurst(watch(ACCOUNT, WatchState.CONNECTED, at(-600)),
                arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 2, invoice, at(0)),
                removed(ACCOUNT, "INBOX", FolderRole.INBOX, 2, invoice, at(30)),
                watch(ACCOUNT, WatchState.UNREACHABLE, at(32)));
        otherAccountAt(3600);
        driver.pipeInBurst(watch(ACCOUNT, WatchState.CONNECTED, at(3700)),
                MailboxEvent.message(MailboxEvent.Type.ARRIVED, ACCOUNT, "Junk", FolderRole.JUNK,
                        io.vanishwatch.analyzer.Mail.UID_VALIDITY, 9, invoice.summary(), at(3705),
                        MailboxEvent.DetectedBy.RESYNC, at(25)));

        assertThat(driver.disappearances()).singleElement().satisfies(d -> {
            assertThat(d.destination()).isEqualTo(Disappearance.Destination.MOVED);
            assertThat(d.movedToFolder()).isEqualTo("Junk");
            assertThat(d.basis()).isEqualTo(Disappearance.Basis.ARRIVAL_SEEN);
        });
    }

    @Test
    void whatPassedWhileTheWatchCouldStillSeeIsDecidedWhenItGoesBlind() {
        Message invoice = Message.numbered(3);
        driver.pipeInBurst(watch(ACCOUNT, WatchState.CONNECTED, at(-600)),
                removed(ACCOUNT, "INBOX", FolderRole.INBOX, 3, invoice, at(30)),
                watch(ACCOUNT, WatchState.TLS_FAILED, at(120)));

        assertThat(driver.disappearances()).singleElement()
                .satisfies(d -> assertThat(d.basis()).isEqualTo(Disappearance.Basis.WINDOW_PASSED));
    }
}
