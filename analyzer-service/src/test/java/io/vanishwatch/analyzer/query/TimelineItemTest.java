package io.vanishwatch.analyzer.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vanishwatch.analyzer.views.TimelineEntry;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.MailboxEvent;

class TimelineItemTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private static TimelineItem event(int seconds, String subject) {
        return TimelineItem.of(T0.plusSeconds(seconds), new TimelineEntry(T0.plusSeconds(seconds),
                MailboxEvent.Type.REMOVED, "INBOX", null, 1L, 1L, null, null, subject, null, null, null, null, null, null));
    }

    private static TimelineItem alert(int seconds, String summary) {
        return TimelineItem.of(T0.plusSeconds(seconds), new Alert("a/CLIENT_MOVES_TO_LOCAL", Alert.Status.FIRING,
                Alert.Pattern.CLIENT_MOVES_TO_LOCAL, Alert.Severity.CRITICAL, "a", T0, T0, 3, summary, null, null, null));
    }

    private static String label(TimelineItem item) {
        return item.event() != null ? item.event().subject() : item.alert().summary();
    }

    @Test
    void eventsAndAlertsAreMergedInTimeOrderWithTheEventFirstAtTheSameInstant() {
        List<TimelineItem> merged = TimelineItem.merge(
                List.of(event(1, "e1"), event(5, "e5"), event(5, "e5b"), event(9, "e9")),
                List.of(alert(0, "a0"), alert(5, "a5"), alert(12, "a12")));
        assertThat(merged).extracting(TimelineItemTest::label)
                .containsExactly("a0", "e1", "e5", "e5b", "a5", "e9", "a12");
        assertThat(TimelineItem.merge(List.of(), List.of(alert(1, "a1")))).extracting(TimelineItemTest::label)
                .containsExactly("a1");
    }
}
