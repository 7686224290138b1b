package io.vanishwatch.analyzer.rules;

import static io.vanishwatch.analyzer.Mail.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.vanishwatch.analyzer.Mail;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.RemovedBy;

/** Alerts name the devices the mail server's records name, counted over the whole episode. */
class DeviceNamingTest {

    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final AnalyzerSettings DEFAULTS = AnalyzerSettings.defaults();
    private static final RemovedBy MAC = new RemovedBy("Mac OS X Mail", "16.0", "192.0.2.14", "s1", "imap",
            RemovedBy.Action.EXPUNGE_AFTER_DELETE, null, T0);
    private static final RemovedBy IPHONE = new RemovedBy("iPhone Mail", null, "192.0.2.15", "s2", "imap",
            RemovedBy.Action.MOVE, "Junk", T0);
    private static final RemovedBy POP3 = new RemovedBy(null, null, "192.0.2.20", "p1", "pop3",
            RemovedBy.Action.POP3_RETRIEVE_AND_DELETE, null, T0);

    private static Disappearance gone(int n, RemovedBy by) {
        Disappearance d = Mail.goneUnread("office", n, T0.plusSeconds(10L * n), Duration.ofSeconds(5));
        return by == null ? d : d.withRemovedBy(by.device() + " (" + by.protocol() + " session " + by.session() + ")", by);
    }

    /** Every disappearance through a fresh count tracker, returning the alerts. */
    private static List<Alert> run(Alert.Pattern pattern, List<Disappearance> disappearances) {
        EpisodeTracker tracker = new EpisodeTracker(DEFAULTS.rule("office", pattern), WINDOW, Duration.ofMinutes(5));
        Episode episode = null;
        List<Alert> alerts = new ArrayList<>();
        for (Disappearance d : disappearances) {
            EpisodeLife.Step step = tracker.onDisappearance(episode, d, false);
            episode = step.episode();
            alerts.addAll(step.alerts());
        }
        alerts.addAll(tracker.onTick(episode, T0.plus(Duration.ofHours(2)), false).alerts());
        return alerts;
    }

    @Test
    void whenOneDeviceDidItAllTheAlertSaysAllCameFromIt() {
        List<Alert> alerts = run(Alert.Pattern.CLIENT_MOVES_TO_LOCAL, List.of(gone(1, MAC), gone(2, MAC), gone(3, MAC)));

        Alert firing = alerts.get(0);
        assertThat(firing.summary()).contains("All 3 came from 'Mac OS X Mail' at 192.0.2.14.");
        assertThat(firing.facts()).containsEntry(Alert.FACT_DEVICES, "'Mac OS X Mail' at 192.0.2.14=3");
        assertThat(firing.advice()).contains("start with 'Mac OS X Mail' at 192.0.2.14")
                .doesNotContain("mail_log", "say which device");
        assertThat(alerts.get(alerts.size() - 1).status()).isEqualTo(Alert.Status.RESOLVED);
        assertThat(alerts.get(alerts.size() - 1).summary()).endsWith("All 3 came from 'Mac OS X Mail' at 192.0.2.14.");
    }

    @Test
    void severalDevicesAreListedWithTheirCountsAndAnUnknownOneToo() {
        List<Alert> alerts = run(Alert.Pattern.CLIENT_MOVES_TO_LOCAL,
                List.of(gone(1, MAC), gone(2, IPHONE), gone(3, MAC), gone(4, null)));

        Alert updatedOrResolved = alerts.get(alerts.size() - 1);
        assertThat(updatedOrResolved.count()).isEqualTo(4);
        assertThat(updatedOrResolved.summary()).contains(
                "Removed by: 2 by 'Mac OS X Mail' at 192.0.2.14, 1 by 'iPhone Mail' at 192.0.2.15, 1 by an unknown device.");
        assertThat(updatedOrResolved.facts()).containsEntry(Alert.FACT_DEVICES,
                "'Mac OS X Mail' at 192.0.2.14=2, 'iPhone Mail' at 192.0.2.15=1, an unknown device=1");
    }

    @Test
    void theCountsCoverTheWholeEpisodeNotOnlyTheEvidenceKept() {
        List<Disappearance> many = new ArrayList<>();
        for (int n = 1; n <= 40; n++) {
            many.add(gone(n, n <= 30 ? MAC : IPHONE));
        }
        List<Alert> alerts = run(Alert.Pattern.CLIENT_MOVES_TO_LOCAL, many);

        Alert resolved = alerts.get(alerts.size() - 1);
        assertThat(resolved.evidence()).hasSize(EpisodeLife.MAX_EVIDENCE);
        assertThat(resolved.facts()).containsEntry(Alert.FACT_DEVICES,
                "'Mac OS X Mail' at 192.0.2.14=30, 'iPhone Mail' at 192.0.2.15=10");
    }

    @Test
    void withoutAnyServerRecordTheWordsStayAndTheAdviceSaysWhatDovecotNeeds() {
        List<Alert> alerts = run(Alert.Pattern.CLIENT_MOVES_TO_LOCAL, List.of(gone(1, null), gone(2, null), gone(3, null)));

        Alert firing = alerts.get(0);
        assertThat(firing.summary()).doesNotContain("came from", "Removed by:", "unknown device");
        assertThat(firing.facts()).doesNotContainKey(Alert.FACT_DEVICES);
        assertThat(firing.advice()).contains("say which device", "mail_log", "mail_log_events", "mail_log_fields",
                "login_log_format_elements", "session", "imap_id_log");
    }

    @Test
    void theLogLineOfOneDisappearanceSaysWhoRemovedItAndHow() {
        assertThat(AlertWording.describe(gone(1, IPHONE), WINDOW))
                .endsWith(", by 'iPhone Mail' at 192.0.2.15 (imap session s2), moved to Junk (copy + expunge)");
    }

    @Test
    void aTallyNamesAtMostTenDevicesAndCountsTheRestTogether() {
        Map<String, Integer> tally = Map.of();
        for (int n = 1; n <= 12; n++) {
            RemovedBy device = new RemovedBy("Client " + n, null, "192.0.2." + n, "s" + n, "imap",
                    RemovedBy.Action.EXPUNGE, null, T0);
            tally = DeviceTally.add(tally, gone(n, device));
        }
        tally = DeviceTally.add(tally, gone(13, null));

        assertThat(tally).hasSize(DeviceTally.MAX_DEVICES + 1).containsEntry(DeviceTally.OTHERS, 3)
                .doesNotContainKey(DeviceTally.UNKNOWN);
        assertThat(tally.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(13);
    }

    @Test
    void aDownloadAndDeleteDeviceThatUsesPop3IsNamedAsTheDevice() {
        Episode episode = new Episode(Alert.Pattern.DOWNLOAD_AND_DELETE, "office", true, T0, T0.plusSeconds(60), 6,
                List.of(gone(1, POP3)), List.of(), 0, null, false, Map.of(Alert.FACT_INTERVAL, "PT15M"), List.of(), 0,
                Map.of(POP3.device(), 6));

        Alert alert = AlertWording.firing(DEFAULTS.rule("office", Alert.Pattern.DOWNLOAD_AND_DELETE), episode, WINDOW);

        assertThat(alert.summary()).contains("The download-and-delete device is a POP3 client at 192.0.2.20: it"
                + " deletes what it retrieves over POP3. All 6 came from a POP3 client at 192.0.2.20.");
        assertThat(alert.advice()).contains("start with a POP3 client at 192.0.2.20");
    }

    @Test
    void theBatchTrackerCountsTheDevicesOfTheBatchesThatMadeThePattern() {
        BatchTracker tracker = new BatchTracker(DEFAULTS.rule("office", Alert.Pattern.DOWNLOAD_AND_DELETE),
                DEFAULTS.batchShape(), WINDOW, Duration.ofMinutes(5));
        Episode episode = null;
        List<Alert> alerts = new ArrayList<>();
        int uid = 0;
        for (int batch = 0; batch < 3; batch++) {
            Instant at = T0.plus(Duration.ofMinutes(15L * batch));
            for (int i = 0; i < 2; i++) {
                uid++;
                episode = tracker.onEvent(episode, Mail.arrived("office", "INBOX", FolderRole.INBOX, uid,
                        Mail.Message.numbered(uid), at.minusSeconds(60)), false).episode();
                Disappearance d = Mail.disappearance("office", uid, at.plusSeconds(i), Duration.ofSeconds(60), false,
                        Disappearance.Destination.GONE, null, null).withRemovedBy("pop3", POP3);
                EpisodeLife.Step step = tracker.onDisappearance(episode, d, false);
                episode = step.episode();
                alerts.addAll(step.alerts());
            }
        }

        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.pattern()).isEqualTo(Alert.Pattern.DOWNLOAD_AND_DELETE);
            assertThat(alert.facts()).containsEntry(Alert.FACT_DEVICES, "a POP3 client at 192.0.2.20=" + alert.count());
            assertThat(alert.summary()).contains("The download-and-delete device is a POP3 client at 192.0.2.20");
        });
    }
}
