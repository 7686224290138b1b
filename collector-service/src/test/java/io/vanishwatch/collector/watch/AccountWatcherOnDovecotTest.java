package io.vanishwatch.collector.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vanishwatch.collector.config.AccountSettings;
import io.vanishwatch.collector.config.Password;
import io.vanishwatch.collector.config.Security;
import io.vanishwatch.collector.imap.AngusImapConnector;
import io.vanishwatch.collector.publish.EventPublisher;
import io.vanishwatch.collector.publish.Publication;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.MailboxEvent.Type;
import io.vanishwatch.events.MailboxEvent.WatchState;
import io.vanishwatch.local.mail.DovecotServer;

/** The account watch on a real Dovecot whose admin changes the account's password and throws its sessions out. */
class AccountWatcherOnDovecotTest {

    private static final String PASSWORD = "dave-secret";
    private static final WatchSettings FAST_RETRIES = new WatchSettings(Duration.ofMillis(200), Duration.ofSeconds(1),
            Duration.ofMinutes(25), Duration.ofSeconds(60), Duration.ofSeconds(15));

    @TempDir
    static Path workDir;

    private static DovecotServer dovecot;
    private static ScheduledExecutorService timer;

    private final List<MailboxEvent> published = new CopyOnWriteArrayList<>();
    private final EventPublisher publisher = (Publication publication) -> published.addAll(publication.events());

    @BeforeAll
    static void startDovecot() {
        assumeTrue(DovecotServer.isInstalled(), DovecotServer.notInstalledMessage());
        dovecot = DovecotServer.start(workDir, Map.of("dave", PASSWORD, "erin", PASSWORD));
        timer = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    static void stopDovecot() {
        if (dovecot != null) {
            dovecot.close();
        }
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    @Test
    void aPasswordChangedOnTheServerIsOneAuthFailedUntilItWorksAgainAndMailDeliveredMeanwhileIsNotLost()
            throws Exception {
        AccountSettings dave = new AccountSettings("dave", dovecot.host(), dovecot.port(), Security.PLAIN, true, "dave",
                new Password(PASSWORD), "INBOX", Optional.empty(), Optional.empty(), List.of(), 2);
        AccountWatcher watcher = new AccountWatcher(dave, Map.of(),
                new AngusImapConnector(FAST_RETRIES.longestIdle(), timer), publisher, FAST_RETRIES,
                Clock.systemUTC(), Pause.REAL);
        Thread watching = new Thread(watcher, "watch-dave");
        watching.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> published.stream()
                    .anyMatch(e -> e.type() == Type.FOLDER_RESYNCED && e.folderRole() == FolderRole.INBOX));

            // when the password is changed on the server and the account's sessions are ended
            dovecot.changePassword("dave", "dave-changed-it");
            dovecot.kick("dave");

            // then the watch says once that it cannot log in, and keeps trying
            await().atMost(Duration.ofSeconds(20)).until(() -> watchStates().contains(WatchState.AUTH_FAILED));
            String whileBlind = dovecot.deliver("dave", message("Sent while nobody watched"));
            long failedBefore = failedLogins();
            await().atMost(Duration.ofSeconds(20)).until(() -> failedLogins() >= failedBefore + 3);
            assertThat(watcher.status().state()).isEqualTo(WatchStatus.State.AUTH_FAILED);

            // when the password works again
            dovecot.changePassword("dave", PASSWORD);

            // then it is connected again within its backoff, and what arrived meanwhile is reported
            await().atMost(Duration.ofSeconds(20)).until(() -> published.stream()
                    .anyMatch(e -> e.type() == Type.ARRIVED && whileBlind.equals(e.messageId())));
            assertThat(published).filteredOn(e -> e.type() == Type.WATCH_STATE)
                    .extracting(MailboxEvent::watchState, e -> e.reason().startsWith("authentication failed"))
                    .containsExactly(
                            tuple(WatchState.CONNECTED, false),
                            tuple(WatchState.AUTH_FAILED, true),
                            tuple(WatchState.CONNECTED, false));
            assertThat(published).filteredOn(e -> e.type() == Type.WATCH_STATE)
                    .allSatisfy(e -> assertThat(e.reason()).doesNotContain(PASSWORD).doesNotContain("dave-changed-it"));
            // the status says CONNECTED once the first sync's events are out: a moment after the events awaited above
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> watcher.status().state() == WatchStatus.State.CONNECTED);
        } finally {
            watcher.stop();
            watching.interrupt();
            watching.join(10_000);
        }
    }

    @Test
    void aPasswordChangedOnTheServerAndThenInThePasswordFileIsUsedAtTheNextLoginWithoutARestart() throws Exception {
        Path passwordFile = workDir.resolve("erin.password");
        Files.writeString(passwordFile, PASSWORD + "\n");
        AccountSettings erin = new AccountSettings("erin", dovecot.host(), dovecot.port(), Security.PLAIN, true, "erin",
                Password.fromFile(passwordFile), "INBOX", Optional.empty(), Optional.empty(), List.of(), 2);
        AccountWatcher watcher = new AccountWatcher(erin, Map.of(),
                new AngusImapConnector(FAST_RETRIES.longestIdle(), timer), publisher, FAST_RETRIES,
                Clock.systemUTC(), Pause.REAL);
        Thread watching = new Thread(watcher, "watch-erin");
        watching.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> watchStates().contains(WatchState.CONNECTED));

            // given a password changed on the server, which the watch can no longer log in with
            dovecot.changePassword("erin", "erin-new-password");
            dovecot.kick("erin");
            await().atMost(Duration.ofSeconds(20)).until(() -> watchStates().contains(WatchState.AUTH_FAILED));

            // when the new password is written into the watch's password file
            Files.writeString(passwordFile, "erin-new-password\n");

            // then the next login uses it: connected again, no restart
            await().atMost(Duration.ofSeconds(20)).until(() -> watchStates().equals(
                    List.of(WatchState.CONNECTED, WatchState.AUTH_FAILED, WatchState.CONNECTED)));
            // the status says CONNECTED once the first sync's events are out: a moment after the events awaited above
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> watcher.status().state() == WatchStatus.State.CONNECTED);
        } finally {
            watcher.stop();
            watching.interrupt();
            watching.join(10_000);
        }
    }

    private List<WatchState> watchStates() {
        return published.stream().filter(e -> e.type() == Type.WATCH_STATE).map(MailboxEvent::watchState).toList();
    }

    /** Logins Dovecot refused for a wrong password. */
    private static long failedLogins() {
        return dovecot.logLines().stream().filter(line -> line.contains("auth failed") && line.contains("user=<dave>"))
                .count();
    }

    private static MimeMessage message(String subject) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress("colleague@office.example"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("dave@office.example"));
        message.setSubject(subject);
        message.setText(subject);
        message.saveChanges();
        return message;
    }
}
