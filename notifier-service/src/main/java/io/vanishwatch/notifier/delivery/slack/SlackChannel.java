package io.vanishwatch.notifier.delivery.slack;

import java.time.Clock;
import java.util.Map;

import io.vanishwatch.events.Alert;
import io.vanishwatch.notifier.content.AlertText;
import io.vanishwatch.notifier.delivery.Channel;
import io.vanishwatch.notifier.delivery.DeliveryResult;
import io.vanishwatch.notifier.delivery.http.HttpTarget;
import io.vanishwatch.notifier.delivery.http.JsonPost;

/** Posts the alert to a Slack incoming webhook as a Block Kit message. */
public final class SlackChannel implements Channel {

    private final AlertText text;
    private final JsonPost post;

    public SlackChannel(HttpTarget target, AlertText text, Clock clock) {
        this.text = text;
        this.post = new JsonPost(target, clock);
    }

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public DeliveryResult deliver(Alert alert) {
        return post.post(alert, SlackMessage.json(alert, text), Map.of());
    }
}
