package io.vanishwatch.notifier.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;

import io.vanishwatch.events.Alert;
import io.vanishwatch.notifier.SampleAlerts;
import org.junit.jupiter.api.Test;

class AlertTextTest {

    private final AlertText text = new AlertText(ZoneId.of("UTC"));

    @Test
    void paragraphMentionsAccountCountSendersSubjectsAndAdvice() {
        Alert alert = SampleAlerts.clientMovesToLocal("office@demo.example", 3);

        String paragraph = text.paragraph(alert);

        assertThat(paragraph)
                .doesNotContain("\n")
                .contains("office@demo.example")
                .contains("3 unread messages vanished")
                .contains("From: billing@supplier.example, orders@shop.example.")
                .contains("\"Invoice 4711\"", "\"Invoice 4712\"", "\"Order 88 confirmed\"")
                .contains("What to do: Check each device's junk filter");
    }

    @Test
    void oneMessageIsSingular() {
        assertThat(text.headline(SampleAlerts.clientMovesToLocal("office", 1))).contains("1 unread message vanished (");
    }

    @Test
    void mailFiledIntoAFolderIsNotSaidToHaveVanished() {
        Alert vanished = SampleAlerts.clientMovesToLocal("office", 3);
        Alert filed = new Alert(Alert.alertKey("office", Alert.Pattern.MOVED_TO_FOLDER), vanished.status(),
                Alert.Pattern.MOVED_TO_FOLDER, Alert.Severity.WARNING, "office", vanished.firstSeen(),
                vanished.lastSeen(), 3, "filed", "check the rules", vanished.evidence(), null);

        assertThat(text.headline(filed)).contains("3 unread messages filed away (filed into another folder on the"
                + " server)").doesNotContain("vanished");
    }

    @Test
    void dwellTimesReadLikeAPersonWouldSayThem() {
        assertThat(AlertText.dwell(Duration.ofSeconds(42))).isEqualTo("42 s");
        assertThat(AlertText.dwell(Duration.ofSeconds(185))).isEqualTo("3 min 5 s");
        assertThat(AlertText.dwell(Duration.ofMinutes(130))).isEqualTo("2 h 10 min");
        assertThat(AlertText.dwell(Duration.ofHours(27))).isEqualTo("1 d 3 h");
    }
}
