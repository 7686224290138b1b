package io.vanishwatch.analyzer.rules;

import static io.vanishwatch.analyzer.Mail.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vanishwatch.analyzer.Mail;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;

class EpisodeTrackerTest {

    private static final Duration DWELL = Duration.ofMinutes(1);
    private static final Duration CORRELATION_WINDOW = Duration.ofSeconds(10);
    private final EpisodeTracker clientFilter =
            new EpisodeTracker(AnalyzerSettings.defaults().patterns().get(0), CORRELATION_WINDOW);
    private final EpisodeTracker junkMove =
            new EpisodeTracker(AnalyzerSettings.defaults().patterns().get(1), CORRELATION_WINDOW);

    /** Feeds disappearances in order and collects every alert. */
    private static Run feed(EpisodeTracker tracker, Episode start, List<Disappearance> disappearances) {
        Episode episode = start;
        java.util.ArrayList<List<Alert>> alertsPerStep = new java.util.ArrayList<>();
        for (Disappearance d : disappearances) {
            EpisodeLife.Step step = tracker.onDisappearance(episode, d);
            episode = step.episode();
            alertsPerStep.add(step.alerts());
        }
        return new Run(episode, alertsPerStep);
    }

    private record Run(Episode episode, List<List<Alert>> alertsPerStep) {
        List<Alert> all() {
            return alertsPerStep.stream().flatMap(List::stream).toList();
        }
    }

    private static List<Disappearance> gone(int... minutesAfterT0) {
        java.util.ArrayList<Disappearance> list = new java.util.ArrayList<>();
        for (int i = 0; i < minutesAfterT0.length; i++) {
            list.add(Mail.goneUnread("office", i + 1, T0.plus(Duration.ofMinutes(minutesAfterT0[i])), DWELL));
        }
        return list;
    }

    @Test
    void theMotivatingCaseFiresOnTheThirdUnreadMessageGoneFromTheServer() {
        Run run = feed(clientFilter, null, gone(0, 2, 4));

        assertThat(run.alertsPerStep().get(0)).isEmpty();
        assertThat(run.alertsPerStep().get(1)).isEmpty();
        assertThat(run.alertsPerStep().get(2)).singleElement().satisfies(alert -> {
            assertThat(alert.status()).isEqualTo(Alert.Status.FIRING);
            assertThat(alert.pattern()).isEqualTo(Alert.Pattern.CLIENT_MOVES_TO_LOCAL);
            assertThat(alert.severity()).isEqualTo(Alert.Severity.CRITICAL);
            assertThat(alert.alertKey()).isEqualTo(Alert.alertKey("office", Alert.Pattern.CLIENT_MOVES_TO_LOCAL));
            assertThat(alert.count()).isEqualTo(3);
            assertThat(alert.firstSeen()).isEqualTo(T0);
            assertThat(alert.lastSeen()).isEqualTo(T0.plus(Duration.ofMinutes(4)));
            assertThat(alert.evidence()).extracting(Disappearance::subject)
                    .containsExactly("Invoice 1", "Invoice 2", "Invoice 3");
        });
    }

    @Test
    void aGrowingEpisodeIsUpdatedWhenItsCountDoublesWithTheSameFirstSeen() {
        Run run = feed(clientFilter, null, gone(0, 1, 2, 3, 4, 5));

        assertThat(run.alertsPerStep().get(3)).as("4 is not yet twice 3, and 5 minutes have not passed").isEmpty();
        assertThat(run.alertsPerStep().get(4)).isEmpty();
        Alert updated = run.alertsPerStep().get(5).get(0);
        assertThat(updated.status()).isEqualTo(Alert.Status.UPDATED);
        assertThat(updated.count()).isEqualTo(6);
        assertThat(updated.firstSeen()).isEqualTo(T0);
        assertThat(updated.summary()).startsWith("Still going on, now 6.");
        assertThat(updated.notificationKey()).isNotEqualTo(run.alertsPerStep().get(2).get(0).notificationKey())
                .endsWith("/6");
    }

    @Test
    void aSlowlyGrowingEpisodeIsUpdatedOnceTheUpdateIntervalPassed() {
        Run run = feed(clientFilter, null, gone(0, 1, 2, 4));
        assertThat(run.all()).extracting(Alert::status).containsExactly(Alert.Status.FIRING);

        EpisodeLife.Step early = clientFilter.onTick(run.episode(), T0.plus(Duration.ofMinutes(6)));
        EpisodeLife.Step due = clientFilter.onTick(run.episode(), T0.plus(Duration.ofMinutes(7)));

        assertThat(early.alerts()).as("4 min after FIRING at minute 2").isEmpty();
        assertThat(due.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.status()).isEqualTo(Alert.Status.UPDATED);
            assertThat(alert.count()).isEqualTo(4);
        });
        assertThat(clientFilter.onTick(due.episode(), T0.plus(Duration.ofMinutes(13))).alerts())
                .as("nothing new to say").isEmpty();
    }

    @Test
    void junkMovesDoNotCountTowardClientMovesToLocal() {
        List<Disappearance> toJunk = List.of(
                Mail.movedToJunkUnread("office", 1, T0, DWELL),
                Mail.movedToJunkUnread("office", 2, T0.plusSeconds(60), DWELL),
                Mail.movedToJunkUnread("office", 3, T0.plusSeconds(120), DWELL));

        assertThat(feed(clientFilter, null, toJunk).all()).isEmpty();
        assertThat(feed(junkMove, null, toJunk).all()).singleElement()
                .satisfies(alert -> assertThat(alert.pattern()).isEqualTo(Alert.Pattern.MOVED_TO_JUNK));
    }

    @Test
    void readMessagesDoNotCount() {
        List<Disappearance> read = List.of(
                Mail.disappearance("office", 1, T0, DWELL, true, Disappearance.Destination.GONE, null, null),
                Mail.disappearance("office", 2, T0.plusSeconds(60), DWELL, true, Disappearance.Destination.GONE, null, null),
                Mail.disappearance("office", 3, T0.plusSeconds(120), DWELL, true, Disappearance.Destination.GONE, null, null));

        Run run = feed(clientFilter, null, read);

        assertThat(run.all()).isEmpty();
        assertThat(run.episode()).isNull();
    }

    @Test
    void slowRemovalsDoNotCount() {
        Duration slow = Duration.ofMinutes(11);
        List<Disappearance> slowOnes = List.of(
                Mail.goneUnread("office", 1, T0, slow),
                Mail.goneUnread("office", 2, T0.plusSeconds(60), slow),
                Mail.goneUnread("office", 3, T0.plusSeconds(120), slow));

        assertThat(feed(clientFilter, null, slowOnes).all()).isEmpty();
    }

    @Test
    void matchesFurtherApartThanTheWindowDoNotAddUp() {
        Run run = feed(clientFilter, null, gone(0, 10, 20));

        assertThat(run.all()).isEmpty();
        assertThat(run.episode().evidence()).as("the first fell out of the 15-minute window")
                .extracting(Disappearance::subject).containsExactly("Invoice 2", "Invoice 3");
    }

    @Test
    void aFiringEpisodeResolvesOnceItsLatestMatchIsAQuietPeriodOldInEventTime() {
        Run run = feed(clientFilter, null, gone(0, 2, 4));
        Episode firing = run.episode();
        Duration quiet = Duration.ofMinutes(15);

        assertThat(firing.lastSeen()).isEqualTo(T0.plus(Duration.ofMinutes(4)));
        assertThat(clientFilter.onTick(firing, firing.lastSeen().plus(quiet).minusMillis(1)).alerts()).isEmpty();
        EpisodeLife.Step end = clientFilter.onTick(firing, firing.lastSeen().plus(quiet));

        assertThat(end.episode()).isNull();
        assertThat(end.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.status()).isEqualTo(Alert.Status.RESOLVED);
            assertThat(alert.firstSeen()).isEqualTo(T0);
            assertThat(alert.count()).isEqualTo(3);
        });
    }

    @Test
    void aRecurrenceAfterTheEpisodeEndedStartsANewEpisode() {
        Run first = feed(clientFilter, null, gone(0, 2, 4));
        Episode ended = clientFilter.onTick(first.episode(), first.episode().lastSeen().plus(Duration.ofMinutes(15))).episode();

        List<Disappearance> later = List.of(
                Mail.goneUnread("office", 11, T0.plus(Duration.ofHours(2)), DWELL),
                Mail.goneUnread("office", 12, T0.plus(Duration.ofHours(2)).plusSeconds(30), DWELL),
                Mail.goneUnread("office", 13, T0.plus(Duration.ofHours(2)).plusSeconds(60), DWELL));
        Run second = feed(clientFilter, ended, later);

        assertThat(second.all()).singleElement().satisfies(alert -> {
            assertThat(alert.status()).isEqualTo(Alert.Status.FIRING);
            assertThat(alert.firstSeen()).isEqualTo(T0.plus(Duration.ofHours(2)));
            assertThat(alert.count()).isEqualTo(3);
        });
    }

    @Test
    void aMatchAfterAQuietGapInRemovalTimesResolvesTheOldEpisodeFirst() {
        Run first = feed(clientFilter, null, gone(0, 2, 4));

        EpisodeLife.Step step = clientFilter.onDisappearance(first.episode(),
                Mail.goneUnread("office", 9, T0.plus(Duration.ofMinutes(40)), DWELL));

        assertThat(step.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.status()).isEqualTo(Alert.Status.RESOLVED);
            assertThat(alert.firstSeen()).isEqualTo(T0);
        });
        assertThat(step.episode().firing()).isFalse();
        assertThat(step.episode().count()).isEqualTo(1);
    }

    @Test
    void candidatesThatNeverReachTheThresholdAreForgottenOnceTheirLatestIsAWindowOld() {
        Run run = feed(clientFilter, null, gone(0));

        assertThat(clientFilter.onTick(run.episode(), T0.plus(Duration.ofMinutes(15)).minusMillis(1)))
                .isEqualTo(new EpisodeLife.Step(run.episode(), List.of()));
        assertThat(clientFilter.onTick(run.episode(), T0.plus(Duration.ofMinutes(15))))
                .isEqualTo(new EpisodeLife.Step(null, List.of()));
    }

    @Test
    void theEvidenceIsCappedButTheCountIsNot() {
        int[] minutes = new int[EpisodeLife.MAX_EVIDENCE + 10];
        Run run = feed(clientFilter, null, gone(minutes));

        assertThat(run.episode().count()).isEqualTo(EpisodeLife.MAX_EVIDENCE + 10);
        assertThat(run.episode().evidence()).hasSize(EpisodeLife.MAX_EVIDENCE);
    }
}
