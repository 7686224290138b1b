package io.vanishwatch.notifier.pipeline;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Notification;
import io.vanishwatch.notifier.content.AlertText;
import io.vanishwatch.notifier.delivery.Channel;
import io.vanishwatch.notifier.delivery.DeliveryReport;
import io.vanishwatch.notifier.delivery.RetryingDelivery;
import io.vanishwatch.notifier.log.NotificationLog;
import io.vanishwatch.notifier.routing.Router;
import org.jboss.logging.Logger;

/**
 * Route → dedup against the notification log → deliver with retry → record: what happens to one alert.
 */
public final class NotificationPipeline {

    private static final Logger LOG = Logger.getLogger(NotificationPipeline.class);

    private final Router router;
    private final NotificationLog log;
    private final RetryingDelivery delivery;
    private final AlertText text;
    private final Clock clock;
    private final Consumer<Notification> onRecorded;

    public NotificationPipeline(Router router, NotificationLog log, RetryingDelivery delivery, AlertText text,
            Clock clock, Consumer<Notification> onRecorded) {
        this.router = router;
        this.log = log;
        this.delivery = delivery;
        this.text = text;
        this.clock = clock;
        this.onRecorded = onRecorded;
    }

    /**
     * Delivers {@code alert} on every routed channel that has not sent it yet and records each outcome.
     *
     * @return the notification log entries written for this alert (none when every channel had sent it already)
     * @throws InterruptedException when the notifier stops mid-delivery; what was not recorded is delivered after
     *                              the restart
     */
    public List<Notification> process(Alert alert) throws InterruptedException {
        String key = alert.notificationKey();
        List<Channel> channels = router.route(alert);
        LOG.infof("alert %s (count %d): %s%s", key, alert.count(), text.headline(alert),
                alert.summary() == null ? "" : " — " + alert.summary());
        if (channels.isEmpty()) {
            LOG.warnf("alert %s has no channel to go to: it is only logged", key);
        }
        List<Notification> recorded = new ArrayList<>();
        for (Channel channel : channels) {
            if (log.alreadySent(key, channel.name())) {
                LOG.infof("notification %s via %s: already sent, not sending again", key, channel.name());
                continue;
            }
            DeliveryReport report = delivery.deliver(channel, alert);
            // a stop request during delivery: an unsent attempt is left for after the restart, a sent one is recorded
            boolean stopping = Thread.interrupted();
            if (stopping && !report.sent()) {
                throw new InterruptedException("stopped while delivering " + key + " via " + channel.name());
            }
            Notification notification = new Notification(key, alert.alertKey(), alert.account(), channel.name(),
                    report.sent() ? Notification.Outcome.SENT : Notification.Outcome.FAILED, report.attempts(),
                    clock.instant(), report.detail());
            log.record(notification);
            recorded.add(notification);
            onRecorded.accept(notification);
            if (report.sent()) {
                LOG.infof("notification %s via %s: SENT after %d attempt(s) (%s)", key, channel.name(),
                        report.attempts(), report.detail());
            } else {
                LOG.errorf("notification %s via %s: FAILED after %d attempt(s): %s", key, channel.name(),
                        report.attempts(), report.detail());
            }
            if (stopping) {
                Thread.currentThread().interrupt();
                throw new InterruptedException("stopped after delivering " + key + " via " + channel.name());
            }
        }
        return recorded;
    }
}
