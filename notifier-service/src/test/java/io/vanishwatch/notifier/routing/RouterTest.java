package io.vanishwatch.notifier.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.vanishwatch.events.Alert;
import io.vanishwatch.notifier.delivery.Notice;
import io.vanishwatch.notifier.SampleAlerts;
import io.vanishwatch.notifier.delivery.Channel;
import io.vanishwatch.notifier.delivery.DeliveryResult;
import org.junit.jupiter.api.Test;

class RouterTest {

    private final Channel email = named("email");
    private final Channel webhook = named("webhook");
    private final Router router = new Router(List.of(email, webhook));

    @Test
    void firingAlertGoesToEveryConfiguredChannel() {
        // given a firing alert
        Alert firing = SampleAlerts.clientMovesToLocal("office", 3);

        // when / then
        assertThat(router.route(firing)).containsExactly(email, webhook);
    }

    @Test
    void resolvedAlertGoesToTheSameChannelsAsTheFiringOne() {
        Alert resolved = SampleAlerts.resolved(SampleAlerts.clientMovesToLocal("office", 3));

        assertThat(router.route(resolved)).containsExactly(email, webhook);
    }

    @Test
    void updatedAndInfoAlertsGoToEveryConfiguredChannelToo() {
        Alert updated = SampleAlerts.updated(SampleAlerts.clientMovesToLocal("office", 3), 6);

        assertThat(router.route(updated)).containsExactly(email, webhook);
        assertThat(router.route(SampleAlerts.mailboxReset("office", 1, "INBOX"))).containsExactly(email, webhook);
    }

    @Test
    void eachUpdatedCountIsItsOwnNotification() {
        Alert firing = SampleAlerts.clientMovesToLocal("office", 3);

        assertThat(SampleAlerts.updated(firing, 6).notificationKey())
                .isNotEqualTo(firing.notificationKey())
                .isNotEqualTo(SampleAlerts.updated(firing, 12).notificationKey())
                .isEqualTo(SampleAlerts.updated(SampleAlerts.clientMovesToLocal("office", 5), 6).notificationKey());
    }

    @Test
    void firingAndResolvedAreDifferentNotificationsOfTheSameAlert() {
        Alert firing = SampleAlerts.clientMovesToLocal("office", 3);
        Alert resolved = SampleAlerts.resolved(firing);

        assertThat(firing.notificationKey()).isNotEqualTo(resolved.notificationKey());
        assertThat(SampleAlerts.clientMovesToLocal("office", 5).notificationKey()).isEqualTo(firing.notificationKey());
    }

    @Test
    void withoutChannelsAnAlertIsRoutedNowhere() {
        assertThat(new Router(List.of()).route(SampleAlerts.clientMovesToLocal("office", 3))).isEmpty();
    }

    private static Channel named(String name) {
        return new Channel() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public DeliveryResult deliver(Notice notice) {
                Alert alert = notice.first();
                return DeliveryResult.sent("ok");
            }
        };
    }
}
