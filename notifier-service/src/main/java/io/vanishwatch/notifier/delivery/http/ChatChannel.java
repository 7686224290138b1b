package io.vanishwatch.notifier.delivery.http;

import java.time.Clock;
import java.util.Map;
import java.util.function.Function;

import io.vanishwatch.notifier.delivery.Channel;
import io.vanishwatch.notifier.delivery.DeliveryResult;
import io.vanishwatch.notifier.delivery.Notice;

/**
 * A chat tool's incoming webhook (Slack, Teams, Mattermost): the notice in that tool's message format, posted with
 * the same answers, idempotency key and Retry-After handling as every JSON channel.
 */
public final class ChatChannel implements Channel {

    private final String name;
    private final JsonPost post;
    private final Function<Notice, String> message;

    /** @param message the notice as the tool's JSON message */
    public ChatChannel(String name, HttpTarget target, Clock clock, Function<Notice, String> message) {
        this.name = name;
        this.post = new JsonPost(target, clock);
        this.message = message;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DeliveryResult deliver(Notice notice) {
        return post.post(notice, message.apply(notice), Map.of());
    }
}
