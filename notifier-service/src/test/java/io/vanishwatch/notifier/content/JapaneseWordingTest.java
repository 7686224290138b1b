package io.vanishwatch.notifier.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.RemovedBy;
import io.vanishwatch.notifier.SampleAlerts;
import org.junit.jupiter.api.Test;

/** The Japanese templates are built from the alert's data: none of the analyzer's English reaches the reader. */
class JapaneseWordingTest {

    private final Wording words = Wording.of("ja", ZoneId.of("Asia/Tokyo"));

    @Test
    void theHeadlineSaysWhatHappenedThenWhereItStandsThenTheTotal() {
        Alert firing = SampleAlerts.clientMovesToLocal("office", 3);

        assertThat(words.headline(firing))
                .isEqualTo("[発生・重大] office: 未読メール3件がサーバーから消えました（端末が新着メールを端末内へ移動）");
        assertThat(words.headline(SampleAlerts.updated(firing, 5)))
                .isEqualTo("[更新・重大] office: 現在までに未読メール5件がサーバーから消えました（端末が新着メールを端末内へ移動）");
        assertThat(words.headline(SampleAlerts.resolved(firing)))
                .startsWith("[解決・重大] office: 合計で未読メール3件がサーバーから消えました");
    }

    @Test
    void everyPatternIsWordedWithoutTheAnalyzersEnglish() {
        Alert sample = SampleAlerts.clientMovesToLocal("office", 3);
        for (Alert.Pattern pattern : Alert.Pattern.values()) {
            Alert alert = SampleAlerts.as(sample, pattern, Alert.Severity.WARNING);
            String all = String.join("\n", words.headline(alert), words.whatHappened(alert).orElseThrow(),
                    words.likelyCause(alert).orElseThrow(), words.whatToCheck(alert).orElseThrow());

            assertThat(all).as(pattern.name())
                    .doesNotContain(sample.summary(), sample.advice(), "vanished", "FIRING", "WARNING");
        }
    }

    @Test
    void aPopStyleDeviceIsNamedWithItsIntervalInJapanese() {
        Alert pop = SampleAlerts.withFacts(SampleAlerts.as(SampleAlerts.clientMovesToLocal("office", 12),
                Alert.Pattern.DOWNLOAD_AND_DELETE, Alert.Severity.WARNING), Map.of(Alert.FACT_INTERVAL, "PT15M"));

        assertThat(words.headline(pop)).endsWith("メール12件がダウンロード後に削除されました（POP 方式の端末、15分ごとに）");
        assertThat(words.whatHappened(pop)).contains("既読・未読を問わずほぼすべての受信メール（12件）が、15分ごとにまとめてサーバーから削除されています。");
    }

    @Test
    void theDevicesAreTalliedAndTheDeviceOfEachMessageIsNamed() {
        Alert alert = SampleAlerts.clientMovesToLocal("office", 1);
        var gone = alert.evidence().get(0);
        RemovedBy mac = new RemovedBy("Mac OS X Mail", null, "192.0.2.14", "s1", "imap", RemovedBy.Action.MOVE,
                "On My Mac", gone.removedAt());
        Alert attributed = new Alert(alert.alertKey(), alert.status(), alert.pattern(), alert.severity(),
                alert.account(), alert.firstSeen(), alert.lastSeen(), alert.count(), alert.summary(), alert.advice(),
                List.of(gone.withRemovedBy("'Mac OS X Mail' at 192.0.2.14 (imap session s1)", mac)),
                Map.of(Alert.FACT_DEVICES, "'Mac OS X Mail' at 192.0.2.14=9, an unknown device=3"));

        assertThat(words.facts(attributed))
                .containsExactly("端末（メールサーバーのログより）: 'Mac OS X Mail' at 192.0.2.14（9件）、an unknown device（3件）");
        assertThat(words.evidenceLines(attributed.evidence().get(0))).contains(
                "削除した端末: 'Mac OS X Mail' at 192.0.2.14 (imap session s1)、「On My Mac」へ移動（コピーして消去）");
        assertThat(words.facts(SampleAlerts.withFacts(attributed, Map.of())))
                .as("without the analyzer's tally, the device the evidence names")
                .containsExactly("端末（メールサーバーのログより）: 'Mac OS X Mail' at 192.0.2.14");
    }

    @Test
    void aBlindWatchSaysSinceWhenInTokyoTimeAndWhy() {
        Alert blind = SampleAlerts.watcherBlind("office");

        assertThat(words.headline(blind)).isEqualTo("[発生・重大] office: このアカウントを読み取れません（監視不能）");
        assertThat(words.facts(blind)).containsExactly("2025年3月10日 18:14:02 JSTから読み取れません: ログイン拒否 — AUTHENTICATE failed");
        assertThat(words.counted(blind)).isEmpty();
    }

    @Test
    void dwellTimesAndTheRestAreCountedInJapanese() {
        assertThat(words.dwell(Duration.ofSeconds(42))).isEqualTo("42秒");
        assertThat(words.dwell(Duration.ofSeconds(185))).isEqualTo("3分5秒");
        assertThat(words.dwell(Duration.ofMinutes(130))).isEqualTo("2時間10分");
        assertThat(words.dwell(Duration.ofHours(27))).isEqualTo("1日3時間");
        assertThat(words.more(2980)).isEqualTo("… ほか2980件");
        assertThat(words.groupHeadline(3, java.util.Optional.of("office"), 1)).isEqualTo("office のアラート3件");
        assertThat(words.groupHeadline(3, java.util.Optional.empty(), 2)).isEqualTo("2アカウントのアラート3件");
    }

    @Test
    void anUnknownLanguageIsEnglishAndAnUnknownZoneIsUtc() {
        Wording fallback = Wording.of(new io.vanishwatch.notifier.delivery.Notice.Presentation("fr", "Mars/Olympus",
                java.util.Optional.empty()));

        assertThat(fallback.language()).isEqualTo("en");
        assertThat(fallback.time(SampleAlerts.FIRST_SEEN)).isEqualTo("2025-03-10 09:14:02 UTC");
    }
}
