package io.vanishwatch.notifier.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.vanishwatch.events.Alert;
import io.vanishwatch.notifier.delivery.Notice;
import io.vanishwatch.events.Notification;
import io.vanishwatch.notifier.SampleAlerts;
import io.vanishwatch.notifier.content.AlertText;
import io.vanishwatch.notifier.delivery.Channel;
import io.vanishwatch.notifier.delivery.DeliveryResult;
import io.vanishwatch.notifier.delivery.RetryPolicy;
import io.vanishwatch.notifier.delivery.RetryingDelivery;
import io.vanishwatch.notifier.log.NotificationLog;
import io.vanishwatch.notifier.routing.Router;
import org.junit.jupiter.api.Test;

/**
 * Route → dedup → deliver → record for one episode's FIRING, UPDATED and RESOLVED alerts, with the notifications topic
 * stood in for by a list that a "restarted" pipeline's log is rebuilt from.
 */
class NotificationPipelineTest {

    private final List<Notification> notificationsTopic = new ArrayList<>();
    private final List<Alert> delivered = new ArrayList<>();
    private final Channel webhook = new Channel() {
        @Override
        public String name() {
            return "webhook";
        }

        @Override
        public DeliveryResult deliver(Notice notice) {
            Alert alert = notice.first();
            delivered.add(alert);
            return DeliveryResult.sent("HTTP 200");
        }
    };

    private final Alert firing = SampleAlerts.massRemoval("office", 100, 25);

    @Test
    void eachUpdatedCountIsDeliveredAndRecordedOnceBetweenFiringAndResolved() throws InterruptedException {
        NotificationPipeline pipeline = pipeline();

        // when the analyzer emits the episode, re-emitting one UPDATED (as after its own restart)
        pipeline.process(firing);
        List<Notification> updated = pipeline.process(SampleAlerts.updated(firing, 200));
        List<Notification> again = pipeline.process(SampleAlerts.updated(firing, 200));
        pipeline.process(SampleAlerts.updated(firing, 400));
        pipeline.process(SampleAlerts.resolved(SampleAlerts.updated(firing, 400)));

        // then every status and count went out once, in order, and was recorded under its own key
        assertThat(delivered).extracting(Alert::status, Alert::count).containsExactly(
                tuple(Alert.Status.FIRING, 100),
                tuple(Alert.Status.UPDATED, 200),
                tuple(Alert.Status.UPDATED, 400),
                tuple(Alert.Status.RESOLVED, 400));
        assertThat(updated).singleElement().satisfies(n -> {
            assertThat(n.notificationKey()).isEqualTo(SampleAlerts.updated(firing, 200).notificationKey()).endsWith("/200");
            assertThat(n.outcome()).isEqualTo(Notification.Outcome.SENT);
        });
        assertThat(again).isEmpty();
        assertThat(notificationsTopic).extracting(Notification::notificationKey).doesNotHaveDuplicates().hasSize(4);
    }

    @Test
    void aRestartedPipelineNeitherRepeatsNorDropsAnUpdated() throws InterruptedException {
        // given a pipeline that sent FIRING and UPDATED 200, then stopped
        NotificationPipeline before = pipeline();
        before.process(firing);
        before.process(SampleAlerts.updated(firing, 200));
        delivered.clear();

        // when a new one starts from the recorded log and the alerts after the last committed offset come again
        NotificationPipeline after = pipeline();
        after.process(SampleAlerts.updated(firing, 200));
        after.process(SampleAlerts.updated(firing, 400));

        // then the UPDATED already sent is not repeated, the new count is sent
        assertThat(delivered).extracting(Alert::count).containsExactly(400);
    }

    @Test
    void anInfoAlertIsDeliveredLikeAnyOther() throws InterruptedException {
        pipeline().process(SampleAlerts.mailboxReset("office", 1, "INBOX"));

        assertThat(delivered).extracting(Alert::severity).containsExactly(Alert.Severity.INFO);
    }

    /** A pipeline with a fresh log rebuilt from what earlier pipelines recorded, as a restarted notifier has. */
    private NotificationPipeline pipeline() {
        NotificationLog log = new NotificationLog(notificationsTopic::add);
        notificationsTopic.forEach(log::remember);
        return new NotificationPipeline(new Router(List.of(webhook)), log,
                new RetryingDelivery(new RetryPolicy(1, Duration.ZERO, Duration.ZERO), wait -> { }),
                new AlertText(ZoneId.of("UTC")), Clock.fixed(Instant.parse("2025-03-10T10:00:00Z"), ZoneOffset.UTC),
                notification -> { });
    }
}
