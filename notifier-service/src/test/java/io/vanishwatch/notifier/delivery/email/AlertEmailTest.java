package io.vanishwatch.notifier.delivery.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;

import io.vanishwatch.events.Alert;
import io.vanishwatch.notifier.SampleAlerts;
import io.vanishwatch.notifier.content.AlertText;
import org.junit.jupiter.api.Test;

class AlertEmailTest {

    private final AlertEmail email = new AlertEmail(new AlertText(ZoneId.of("UTC")));
    private final Alert alert = SampleAlerts.clientMovesToLocal("office@demo.example", 3);

    @Test
    void subjectNamesStatusSeverityAccountCountAndPattern() {
        assertThat(email.subject(alert)).isEqualTo("[Vanishwatch] FIRING CRITICAL office@demo.example: "
                + "3 unread messages vanished (client moves new mail to local storage)");
    }

    @Test
    void bodyGivesSummaryAdviceAndEachMessageAsAReadableList() {
        String body = email.body(alert);

        assertThat(body)
                .contains("3 unread messages left INBOX")
                .contains("What to do:\nCheck each device's junk filter")
                .contains("1. \"Invoice 4711\" from billing@supplier.example")
                .contains("arrived 2025-03-10 09:14:02 UTC in INBOX, removed after 42 s, unread")
                .contains("where it went: gone from the server")
                .contains("Message-ID: <inv-4711@supplier.example>")
                .contains("3. \"Order 88 confirmed\" from orders@shop.example")
                .contains("removed after 1 h 1 min")
                .contains("First seen: 2025-03-10 09:14:02 UTC")
                .contains("Alert key:  office@demo.example/CLIENT_MOVES_TO_LOCAL");
    }

    @Test
    void resolvedSubjectSaysResolved() {
        assertThat(email.subject(SampleAlerts.resolved(alert))).startsWith("[Vanishwatch] RESOLVED CRITICAL office@demo.example:");
    }

    @Test
    void timesAreShownInTheConfiguredZone() {
        AlertEmail berlin = new AlertEmail(new AlertText(ZoneId.of("Europe/Berlin")));

        assertThat(berlin.body(alert)).contains("First seen: 2025-03-10 10:14:02 CET");
    }
}
