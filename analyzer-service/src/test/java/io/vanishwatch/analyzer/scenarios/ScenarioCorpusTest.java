package io.vanishwatch.analyzer.scenarios;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import io.vanishwatch.analyzer.rules.AnalyzerSettings;

/**
 * The labelled scenario corpus: every {@code scenarios/**.json} on the test class path is run through the real
 * topology and must give exactly the disappearances and alerts it expects. Adding a scenario is adding a file.
 */
class ScenarioCorpusTest {

    @TestFactory
    Stream<DynamicTest> everyScenarioGivesExactlyTheDisappearancesAndAlertsItExpects() throws IOException {
        Path root = corpus();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no scenario under " + root);
        }
        return files.stream().map(file -> DynamicTest.dynamicTest(root.relativize(file).toString(), file.toUri(),
                () -> run(file)));
    }

    private static void run(Path file) {
        run(Scenario.read(file));
    }

    /** Runs one scenario through the topology; throws an {@link AssertionError} listing what differs. */
    static void run(Scenario scenario) {
        ScenarioTime time = new ScenarioTime(java.time.Instant.parse(scenario.start()));
        List<ScenarioInput.Input> inputs = ScenarioInput.of(scenario, time);
        AnalyzerSettings settings = ScenarioSettings.of(scenario.settings());
        try (ScenarioDriver driver = new ScenarioDriver(settings, time.start())) {
            for (ScenarioInput.Input input : inputs) {
                if (input instanceof ScenarioInput.Piped piped) {
                    driver.pipe(piped.event());
                } else if (input instanceof ScenarioInput.WallClock clock) {
                    driver.run(clock.advance());
                }
            }
            ScenarioCheck.verify(scenario, time, driver.disappearances(), driver.alerts());
        }
    }

    static Path corpus() {
        try {
            return Path.of(ScenarioCorpusTest.class.getResource("/scenarios").toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("the scenario corpus is not on the test class path", e);
        }
    }
}
