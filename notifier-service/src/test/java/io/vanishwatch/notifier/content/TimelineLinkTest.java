package io.vanishwatch.notifier.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import io.vanishwatch.notifier.SampleAlerts;
import org.junit.jupiter.api.Test;

class TimelineLinkTest {

    @Test
    void theLinkOpensTheAccountOnTheDashboardWithTheAccountEncoded() {
        var alert = SampleAlerts.clientMovesToLocal("front desk/office@demo.example", 3);

        assertThat(TimelineLink.of("https://vw.example:8443/", alert)).contains(URI.create(
                "https://vw.example:8443/dashboard/#account=front%20desk%2Foffice%40demo.example"));
    }

    @Test
    void noBaseOrNoAccountIsNoLink() {
        var alert = SampleAlerts.clientMovesToLocal("office", 3);

        assertThat(TimelineLink.of(" ", alert)).isEmpty();
        assertThat(TimelineLink.of("https://vw.example", SampleAlerts.as(alert, alert.pattern(), alert.severity())))
                .isPresent();
        assertThat(TimelineLink.of("not a url with spaces", alert)).isEmpty();
    }
}
