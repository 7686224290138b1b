package io.vanishwatch.notifier.delivery.mattermost;

import java.time.Clock;
import java.util.Map;

import io.vanishwatch.events.Alert;
import io.vanishwatch.notifier.content.AlertText;
import io.vanishwatch.notifier.delivery.Channel;
import io.vanishwatch.notifier.delivery.DeliveryResult;
import io.vanishwatch.notifier.delivery.http.JsonPost;

/** Posts the alert to a Mattermost incoming webhook as a Markdown message. */
public final class MattermostChannel implements Channel {

    private final MattermostSettings settings;
    private final AlertText text;
    private final JsonPost post;

    public MattermostChannel(MattermostSettings settings, AlertText text, Clock clock) {
        this.settings = settings;
        this.text = text;
        this.post = new JsonPost(settings.target(), clock);
    }

    @Override
    public String name() {
        return "mattermost";
    }

    @Override
    public DeliveryResult deliver(Alert alert) {
        return post.post(alert, MattermostMessage.json(alert, text, settings.username()), Map.of());
    }
}
