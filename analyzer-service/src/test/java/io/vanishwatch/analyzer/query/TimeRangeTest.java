package io.vanishwatch.analyzer.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class TimeRangeTest {

    private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void withoutBoundsItIsTheLast24HoursAndOneBoundMovesTheOther() {
        assertThat(TimeRange.parse(null, "", clock)).isEqualTo(new TimeRange(NOW.minusSeconds(86400), NOW));
        assertThat(TimeRange.parse(null, "2026-03-01T10:00:00Z", clock)).isEqualTo(
                new TimeRange(Instant.parse("2026-02-28T10:00:00Z"), Instant.parse("2026-03-01T10:00:00Z")));
        assertThat(TimeRange.parse("2026-03-02T09:00:00Z", null, clock))
                .isEqualTo(new TimeRange(Instant.parse("2026-03-02T09:00:00Z"), NOW));
    }

    @Test
    void aTimeThatIsNoInstantOrARangeBackwardsIsABadRequestNamingTheParameter() {
        assertThatThrownBy(() -> TimeRange.parse("yesterday", null, clock)).isInstanceOf(QueryException.class)
                .hasMessageContaining("'from'").hasMessageContaining("yesterday")
                .extracting(e -> ((QueryException) e).reason()).isEqualTo(QueryException.Reason.BAD_REQUEST);
        assertThatThrownBy(() -> TimeRange.parse("2026-03-02T10:00:00Z", "2026-03-02T09:00:00Z", clock))
                .isInstanceOf(QueryException.class).hasMessageContaining("before");
    }

    @Test
    void itsQueryAsksAnotherInstanceForTheSameRange() {
        TimeRange range = new TimeRange(Instant.parse("2026-03-02T09:00:00Z"), Instant.parse("2026-03-02T10:00:00.5Z"));
        assertThat(range.query()).isEqualTo("from=2026-03-02T09%3A00%3A00Z&to=2026-03-02T10%3A00%3A00.500Z");
    }
}
