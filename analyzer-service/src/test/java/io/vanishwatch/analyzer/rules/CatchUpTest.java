package io.vanishwatch.analyzer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class CatchUpTest {

    private static final Duration MARGIN = Duration.ofSeconds(5);
    private static final long WALL = 10_000_000L;

    @Test
    void newestEventsWithinTheMarginOfTheWallClockAreCaughtUp() {
        CatchUp live = CatchUp.firstTick(WALL - 5_000, WALL);

        assertThat(live.caughtUp(WALL, MARGIN)).isTrue();
        assertThat(CatchUp.firstTick(WALL - 5_001, WALL).caughtUp(WALL, MARGIN)).isFalse();
        assertThat(CatchUp.firstTick(WALL + 60_000, WALL).caughtUp(WALL, MARGIN)).as("events ahead of the wall clock")
                .isTrue();
    }

    @Test
    void aBacklogWhoseStreamTimeKeepsMovingIsNotCaughtUpHoweverLongItTakes() {
        CatchUp catchUp = CatchUp.firstTick(WALL - 3_600_000, WALL);
        for (int tick = 1; tick <= 100; tick++) {
            long wall = WALL + tick * 1_000L;
            catchUp = catchUp.tick(WALL - 3_600_000 + tick * 30_000L, wall);
            assertThat(catchUp.caughtUp(wall, MARGIN)).as("tick " + tick).isFalse();
            assertThat(catchUp.eventTimeMs(wall, MARGIN)).as("tick " + tick).isEmpty();
        }
    }

    @Test
    void aStreamTimeThatStoodStillForTheMarginIsCaughtUp() {
        CatchUp quiet = CatchUp.firstTick(WALL - 3_600_000, WALL).tick(WALL - 3_600_000, WALL + 4_999);

        assertThat(quiet.caughtUp(WALL + 4_999, MARGIN)).isFalse();
        assertThat(quiet.tick(WALL - 3_600_000, WALL + 5_000).caughtUp(WALL + 5_000, MARGIN)).isTrue();
    }

    @Test
    void onceCaughtUpTheWallClockLessTheMarginStandsForEventTimeButNeverGoesBehindStreamTime() {
        assertThat(CatchUp.firstTick(WALL - 3_600_000, WALL).eventTimeMs(WALL + 5_000, MARGIN))
                .hasValue(WALL);
        assertThat(CatchUp.firstTick(WALL + 60_000, WALL).eventTimeMs(WALL, MARGIN)).hasValue(WALL + 60_000);
    }
}
