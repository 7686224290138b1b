package io.vanishwatch.analyzer.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The corpus runner itself: a wrong scenario must fail, and say what the analyzer did. */
class ScenarioRunnerTest {

    private static final Path MAC = ScenarioCorpusTest.corpus()
            .resolve("client-moves-to-local/mac-junk-filter-keeps-new-mail-locally.json");

    private static Scenario expecting(Scenario scenario, Scenario.Expect expect) {
        return new Scenario(scenario.title(), scenario.description(), scenario.account(), scenario.start(),
                scenario.settings(), scenario.folders(), scenario.messages(), scenario.events(), expect);
    }

    @Test
    void aScenarioThatExpectsNoAlertFailsAndListsTheAlertsAndDisappearancesEmitted() {
        Scenario mac = Scenario.read(MAC);

        assertThatThrownBy(() -> ScenarioCorpusTest.run(expecting(mac,
                new Scenario.Expect(mac.expect().disappearances(), List.of(), null))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected 0 alert(s), got 3")
                .hasMessageContaining("+27m5s FIRING CLIENT_MOVES_TO_LOCAL CRITICAL count=3 firstSeen=+12m40s")
                .hasMessageContaining("INBOX UID 18231 <20260302081159.4711@rechnung.stadtwerke-moers.example> removed +12m40s");
    }

    @Test
    void aDisappearanceNotExpectedAndOneExpectedButNotEmittedAreBothFailures() {
        Scenario mac = Scenario.read(MAC);
        List<Scenario.DisappearanceSpec> wrong = List.of(
                new Scenario.DisappearanceSpec(null, "18231-18233", null, null, null, null, null, false, null),
                new Scenario.DisappearanceSpec(18230L, null, null, null, null, null, null, null, null));

        assertThatThrownBy(() -> ScenarioCorpusTest.run(expecting(mac,
                new Scenario.Expect(wrong, mac.expect().alerts(), null))))
                .hasMessageContaining("unexpected disappearance: INBOX UID 18234")
                .hasMessageContaining("expected disappearance not emitted: INBOX UID 18230");
    }

    @Test
    void aMisspeltKeyIsRefusedRatherThanIgnored(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("typo.json");
        Files.writeString(file, """
                {"title": "t", "account": "a@b.example", "start": "2026-03-02T08:00:00Z",
                 "expect": {"alert": []}}
                """);

        assertThatThrownBy(() -> Scenario.read(file)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("alert");
    }

    @Test
    void durationsAndOffsetsAreReadAsWritten() {
        ScenarioTime time = new ScenarioTime(java.time.Instant.parse("2026-03-02T08:00:00Z"));

        assertThat(ScenarioTime.duration("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(ScenarioTime.duration("10m49s500ms")).isEqualTo(Duration.ofMillis(649_500));
        assertThat(time.instant("-400d")).isEqualTo(java.time.Instant.parse("2025-01-26T08:00:00Z"));
        assertThat(time.offset(time.instant("+1h02m03s"))).isEqualTo("+1h2m3s");
        assertThatThrownBy(() -> ScenarioTime.duration("90x")).hasMessageContaining("not a duration");
    }
}
