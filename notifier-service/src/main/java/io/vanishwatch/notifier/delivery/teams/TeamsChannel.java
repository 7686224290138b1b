package io.vanishwatch.notifier.delivery.teams;

import java.time.Clock;
import java.util.Map;

import io.vanishwatch.events.Alert;
import io.vanishwatch.notifier.content.AlertText;
import io.vanishwatch.notifier.delivery.Channel;
import io.vanishwatch.notifier.delivery.DeliveryResult;
import io.vanishwatch.notifier.delivery.http.HttpTarget;
import io.vanishwatch.notifier.delivery.http.JsonPost;

/** Posts the alert to a Microsoft Teams workflow webhook as an Adaptive Card. */
public final class TeamsChannel implements Channel {

    private final AlertText text;
    private final JsonPost post;

    public TeamsChannel(HttpTarget target, AlertText text, Clock clock) {
        this.text = text;
        this.post = new JsonPost(target, clock);
    }

    @Override
    public String name() {
        return "teams";
    }

    @Override
    public DeliveryResult deliver(Alert alert) {
        return post.post(alert, TeamsMessage.json(alert, text), Map.of());
    }
}
