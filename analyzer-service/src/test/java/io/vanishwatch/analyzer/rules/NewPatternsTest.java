package io.vanishwatch.analyzer.rules;

import static io.vanishwatch.analyzer.Mail.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.vanishwatch.analyzer.Mail;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MailboxEvent;

/** The five patterns beyond the first slice, each step by step as the recogniser drives them. */
class NewPatternsTest {

    private static final Duration CORRELATION = Duration.ofSeconds(10);
    private static final Duration UPDATES = Duration.ofMinutes(5);
    private static final AnalyzerSettings DEFAULTS = AnalyzerSettings.defaults();

    private static PatternRule rule(Alert.Pattern pattern) {
        return DEFAULTS.rule("office", pattern);
    }

    /** Steps every input through the tracker, collecting alerts. */
    private static final class Run {
        private final PatternTracker tracker;
        private Episode episode;
        private final List<Alert> alerts = new ArrayList<>();
        private final List<Instant> stamps = new ArrayList<>();

        Run(PatternTracker tracker) {
            this.tracker = tracker;
        }

        Run removed(Disappearance d) {
            return take(tracker.onDisappearance(episode, d, false));
        }

        Run event(MailboxEvent event) {
            return take(tracker.onEvent(episode, event, false));
        }

        Run tick(Instant now) {
            return take(tracker.onTick(episode, now, false));
        }

        private Run take(EpisodeLife.Step step) {
            episode = step.episode();
            step.emitted().forEach(e -> {
                alerts.add(e.alert());
                stamps.add(e.at());
            });
            return this;
        }
    }

    private static Disappearance old(int n, Instant removedAt, FolderRole from, Disappearance.Destination to,
                                     FolderRole toRole) {
        Disappearance d = Mail.disappearance("office", n, removedAt, Duration.ofDays(400), true, to,
                toRole == null ? null : toRole.name(), toRole);
        return new Disappearance(d.account(), from == FolderRole.INBOX ? "INBOX" : from.name(), from, d.uidValidity(),
                d.uid(), d.messageId(), d.from(), d.subject(), d.arrivedAt(), d.removedAt(), null, d.dwellTime(),
                d.readBeforeRemoval(), d.destination(), d.movedToFolder(), d.movedToRole(), null, d.basis(),
                d.checkedAt(), d.foldersChecked(), d.removedByDevice());
    }

    @Nested
    class MassRemoval {

        private final Run run = new Run(new EpisodeTracker(rule(Alert.Pattern.MASS_REMOVAL), CORRELATION, UPDATES));

        @Test
        void aHundredOldMessagesGoneInMinutesFireOnTheHundredthAndAreUpdatedWhenTheCountDoubles() {
            for (int n = 1; n <= 99; n++) {
                run.removed(old(n, T0.plusSeconds(n), FolderRole.INBOX, Disappearance.Destination.GONE, null));
            }
            assertThat(run.alerts).isEmpty();
            assertThat(run.episode.matchTimes()).as("only the times are kept before firing").hasSize(99);
            assertThat(run.episode.evidence()).hasSize(EpisodeLife.MAX_EVIDENCE);

            run.removed(old(100, T0.plusSeconds(100), FolderRole.INBOX, Disappearance.Destination.MOVED, FolderRole.TRASH));
            assertThat(run.alerts).singleElement().satisfies(alert -> {
                assertThat(alert.status()).isEqualTo(Alert.Status.FIRING);
                assertThat(alert.severity()).isEqualTo(Alert.Severity.CRITICAL);
                assertThat(alert.count()).isEqualTo(100);
                assertThat(alert.firstSeen()).isEqualTo(T0.plusSeconds(1));
                assertThat(alert.summary()).contains("100 messages were removed from office", "400 days old");
                assertThat(alert.advice()).startsWith("Act now");
            });
            for (int n = 101; n <= 200; n++) {
                run.removed(old(n, T0.plusSeconds(100 + n), FolderRole.INBOX, Disappearance.Destination.GONE, null));
            }
            assertThat(run.alerts).extracting(Alert::status, Alert::count)
                    .containsExactly(tuple(Alert.Status.FIRING, 100), tuple(Alert.Status.UPDATED, 200));
        }

        @Test
        void theAlertDescribesTheWholeEpisodeNotOnlyTheLatestMessagesKeptAsEvidence() {
            Disappearance oldest = old(1, T0, FolderRole.ARCHIVE, Disappearance.Destination.MOVED, FolderRole.TRASH);
            run.removed(new Disappearance(oldest.account(), "Archive", FolderRole.ARCHIVE, oldest.uidValidity(),
                    oldest.uid(), oldest.messageId(), oldest.from(), oldest.subject(), T0.minus(Duration.ofDays(730)),
                    T0, null, Duration.ofDays(730), true, oldest.destination(), "Trash", FolderRole.TRASH, null,
                    oldest.basis(), oldest.checkedAt(), oldest.foldersChecked(), null));
            for (int n = 2; n <= 100; n++) {
                run.removed(old(n, T0.plusSeconds(n), FolderRole.INBOX, Disappearance.Destination.GONE, null));
            }
            assertThat(run.alerts).singleElement().satisfies(alert -> {
                assertThat(alert.evidence()).hasSize(EpisodeLife.MAX_EVIDENCE).noneMatch(d -> d.uid() == 1);
                assertThat(alert.summary()).contains("some of them 730 days old", "from Archive, INBOX",
                        "1 moved to Trash, the other 99 gone from the server");
            });
        }

        @Test
        void emptyingTrashOrJunkAndFilingIntoFoldersAreNotRemovals() {
            for (int n = 1; n <= 300; n++) {
                FolderRole from = n % 2 == 0 ? FolderRole.TRASH : FolderRole.JUNK;
                run.removed(old(n, T0.plusSeconds(n), from, Disappearance.Destination.GONE, null));
                run.removed(old(1000 + n, T0.plusSeconds(n), FolderRole.INBOX, Disappearance.Destination.MOVED,
                        FolderRole.ARCHIVE));
            }
            assertThat(run.alerts).isEmpty();
            assertThat(run.episode).isNull();
        }

        @Test
        void aHundredSpreadOverMoreThanTheWindowIsNotMass() {
            for (int n = 1; n <= 150; n++) {
                run.removed(old(n, T0.plusSeconds(n * 10L), FolderRole.INBOX, Disappearance.Destination.GONE, null));
            }
            assertThat(run.alerts).as("60 in any 10 minutes").isEmpty();
            assertThat(run.episode.matchTimes()).hasSizeLessThan(100);
        }
    }

    @Nested
    class DeletedUnread {

        private final Run run = new Run(new EpisodeTracker(rule(Alert.Pattern.DELETED_UNREAD), CORRELATION, UPDATES));

        @Test
        void unreadMailMovedToTrashSoonAfterArrivalFiresAWarningNamingTrash() {
            for (int n = 1; n <= 3; n++) {
                run.removed(Mail.disappearance("office", n, T0.plusSeconds(60L * n), Duration.ofSeconds(20), false,
                        Disappearance.Destination.MOVED, "Trash", FolderRole.TRASH));
            }
            assertThat(run.alerts).singleElement().satisfies(alert -> {
                assertThat(alert.pattern()).isEqualTo(Alert.Pattern.DELETED_UNREAD);
                assertThat(alert.severity()).isEqualTo(Alert.Severity.WARNING);
                assertThat(alert.summary()).contains("3 unread messages were deleted from INBOX of office into Trash",
                        "before anyone read them");
            });
        }

        @Test
        void readMailDeletedOrUnreadMailDeletedLongAfterArrivalIsNormalUse() {
            for (int n = 1; n <= 5; n++) {
                run.removed(Mail.disappearance("office", n, T0.plusSeconds(60L * n), Duration.ofSeconds(20), true,
                        Disappearance.Destination.MOVED, "Trash", FolderRole.TRASH));
                run.removed(Mail.disappearance("office", 10 + n, T0.plusSeconds(60L * n), Duration.ofDays(3), false,
                        Disappearance.Destination.MOVED, "Trash", FolderRole.TRASH));
            }
            assertThat(run.alerts).isEmpty();
        }
    }

    @Nested
    class DownloadAndDelete {

        private final Run run = new Run(new BatchTracker(rule(Alert.Pattern.DOWNLOAD_AND_DELETE),
                DEFAULTS.batchShape(), CORRELATION, UPDATES));
        private int uid;

        /** {@code arrivals} messages arrive spread over the minutes before {@code at}, then all go in one batch. */
        private void poll(Instant at, int arrivals, int taken) {
            List<Instant> arrivedAt = new ArrayList<>();
            for (int i = 0; i < arrivals; i++) {
                Instant when = at.minus(Duration.ofMinutes(1 + 3L * i));
                arrivedAt.add(when);
                run.event(Mail.arrived("office", "INBOX", FolderRole.INBOX, ++uid, Mail.Message.numbered(uid), when));
            }
            for (int i = 0; i < taken; i++) {
                Duration dwell = Duration.between(arrivedAt.get(i), at);
                run.removed(Mail.disappearance("office", uid - i, at.plusSeconds(i), dwell, i % 2 == 0,
                        Disappearance.Destination.GONE, null, null));
            }
        }

        @Test
        void batchesEveryFifteenMinutesTakingEveryArrivalReadOrNotAreAPopStyleDevice() {
            poll(T0, 2, 2);
            poll(T0.plus(Duration.ofMinutes(15)), 3, 3);
            assertThat(run.alerts).isEmpty();
            poll(T0.plus(Duration.ofMinutes(31)), 2, 2);

            assertThat(run.alerts).singleElement().satisfies(alert -> {
                assertThat(alert.pattern()).isEqualTo(Alert.Pattern.DOWNLOAD_AND_DELETE);
                assertThat(alert.status()).isEqualTo(Alert.Status.FIRING);
                assertThat(alert.severity()).isEqualTo(Alert.Severity.WARNING);
                assertThat(alert.facts()).containsEntry(Alert.FACT_INTERVAL, "PT15M30S");
                assertThat(alert.count()).as("the messages of the three batches so far").isEqualTo(6);
                assertThat(alert.summary()).contains("read or not, in batches about every 16 minutes");
                assertThat(alert.advice()).contains("POP");
            });
        }

        @Test
        void irregularBatchesAreNotADevicesClock() {
            poll(T0, 2, 2);
            poll(T0.plus(Duration.ofMinutes(5)), 2, 2);
            poll(T0.plus(Duration.ofMinutes(25)), 2, 2);
            poll(T0.plus(Duration.ofMinutes(30)), 2, 2);
            assertThat(run.alerts).isEmpty();
        }

        @Test
        void batchesThatTakeOnlySomeOfTheArrivalsAreNotDownloadAndDelete() {
            poll(T0, 4, 1);
            poll(T0.plus(Duration.ofMinutes(15)), 4, 1);
            poll(T0.plus(Duration.ofMinutes(30)), 4, 1);
            poll(T0.plus(Duration.ofMinutes(45)), 4, 1);
            assertThat(run.alerts).isEmpty();
        }

        @Test
        void eachMessageRemovedSecondsAfterItsOwnArrivalFollowsTheArrivalsNotAClock() {
            for (int n = 0; n < 5; n++) {
                Instant arrived = T0.plus(Duration.ofMinutes(10L * n));
                run.event(Mail.arrived("office", "INBOX", FolderRole.INBOX, n, Mail.Message.numbered(n), arrived));
                run.removed(Mail.disappearance("office", n, arrived.plusSeconds(30), Duration.ofSeconds(30), false,
                        Disappearance.Destination.GONE, null, null));
            }
            assertThat(run.alerts).isEmpty();
        }
    }

    @Nested
    class MailboxReset {

        private final Run run = new Run(new ResetTracker(rule(Alert.Pattern.MAILBOX_RESET), CORRELATION, UPDATES));

        private MailboxEvent reset(String folder, Instant at) {
            return MailboxEvent.folder(MailboxEvent.Type.UIDVALIDITY_CHANGED, "office", folder, FolderRole.INBOX, 42,
                    at, MailboxEvent.DetectedBy.RESYNC, "UIDVALIDITY changed");
        }

        @Test
        void aResetIsInformationNamingTheFolderAndEndsAfterAnHourWithoutAnother() {
            run.event(reset("INBOX", T0));
            assertThat(run.alerts).singleElement().satisfies(alert -> {
                assertThat(alert.status()).isEqualTo(Alert.Status.FIRING);
                assertThat(alert.severity()).isEqualTo(Alert.Severity.INFO);
                assertThat(alert.facts()).containsEntry(Alert.FACT_FOLDER, "INBOX");
                assertThat(alert.summary()).contains("rebuilt INBOX of office", "Nothing was deleted");
            });
            run.event(reset("Archive", T0.plusSeconds(30)));
            run.tick(T0.plus(Duration.ofMinutes(59)));
            run.tick(T0.plus(Duration.ofMinutes(91)));

            assertThat(run.alerts).extracting(Alert::status, Alert::count).containsExactly(
                    tuple(Alert.Status.FIRING, 1), tuple(Alert.Status.UPDATED, 2), tuple(Alert.Status.RESOLVED, 2));
            assertThat(run.alerts.get(1).facts()).containsEntry(Alert.FACT_FOLDER, "INBOX, Archive");
            assertThat(run.stamps.get(2)).isEqualTo(T0.plusSeconds(30).plus(Duration.ofHours(1)));
            assertThat(run.episode).isNull();
        }
    }

    @Nested
    class WatcherBlind {

        private final Run run = new Run(new BlindTracker(rule(Alert.Pattern.WATCHER_BLIND), CORRELATION, UPDATES));

        @Test
        void aRefusedOAuthTokenAsksAboutTheAppsAccessNotThePassword() {
            run.event(Mail.watch("office", MailboxEvent.WatchState.CONNECTED, T0));
            run.event(MailboxEvent.watchState("office", "INBOX", FolderRole.INBOX, MailboxEvent.WatchState.AUTH_FAILED,
                    "no OAuth2 access token: the token endpoint https://oauth2.example/token answered 400:"
                            + " invalid_grant", T0.plusSeconds(60)));
            run.tick(T0.plusSeconds(190));

            assertThat(run.alerts).singleElement().satisfies(alert -> {
                assertThat(alert.summary()).contains("was the app's access revoked or its refresh token expired?")
                        .doesNotContain("password");
                assertThat(alert.advice()).contains("oauth2.refresh-token-file");
            });
        }

        @Test
        void aWrongPasswordIsSaidAfterTheGraceAndResolvedWhenTheWatchSeesAgain() {
            run.event(Mail.watch("office", MailboxEvent.WatchState.CONNECTED, T0));
            run.event(Mail.watch("office", MailboxEvent.WatchState.AUTH_FAILED, T0.plusSeconds(60)));
            run.tick(T0.plusSeconds(170));
            assertThat(run.alerts).as("within the 2 minutes of grace").isEmpty();

            run.tick(T0.plusSeconds(190));
            assertThat(run.alerts).singleElement().satisfies(alert -> {
                assertThat(alert.status()).isEqualTo(Alert.Status.FIRING);
                assertThat(alert.severity()).isEqualTo(Alert.Severity.CRITICAL);
                assertThat(alert.firstSeen()).isEqualTo(T0.plusSeconds(60));
                assertThat(alert.summary()).isEqualTo("Vanishwatch cannot read office since 2026-03-02 09:01:00 UTC:"
                        + " authentication failed — was the password changed? (test: AUTH_FAILED). Until this is"
                        + " fixed, disappearances on this account are not seen.");
                assertThat(alert.facts()).containsEntry(Alert.FACT_WATCH_STATE, "AUTH_FAILED")
                        .containsEntry(Alert.FACT_BLIND_SINCE, T0.plusSeconds(60).toString());
            });
            assertThat(run.stamps.get(0)).as("stamped with when the grace ran out").isEqualTo(T0.plusSeconds(180));

            run.event(Mail.watch("office", MailboxEvent.WatchState.UNREACHABLE, T0.plusSeconds(600)));
            run.tick(T0.plus(Duration.ofHours(5)));
            assertThat(run.alerts).as("still the same blindness; no quiet period ends it").hasSize(1);

            run.event(Mail.watch("office", MailboxEvent.WatchState.CONNECTED, T0.plus(Duration.ofHours(6))));
            assertThat(run.alerts).last().satisfies(alert -> {
                assertThat(alert.status()).isEqualTo(Alert.Status.RESOLVED);
                assertThat(alert.summary()).contains("reads office again since 2026-03-02 15:00:00 UTC",
                        "the server cannot be reached");
            });
            assertThat(run.stamps.get(1)).isEqualTo(T0.plus(Duration.ofHours(6)));
            assertThat(run.episode).isNull();
        }

        @Test
        void aBlindnessShorterThanTheGraceRaisesNothing() {
            run.event(Mail.watch("office", MailboxEvent.WatchState.UNREACHABLE, T0));
            run.tick(T0.plusSeconds(90));
            run.event(Mail.watch("office", MailboxEvent.WatchState.CONNECTED, T0.plusSeconds(100)));
            run.tick(T0.plus(Duration.ofHours(1)));
            assertThat(run.alerts).isEmpty();
            assertThat(run.episode).isNull();
        }
    }
}
