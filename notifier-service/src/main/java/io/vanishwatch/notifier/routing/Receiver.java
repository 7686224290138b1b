package io.vanishwatch.notifier.routing;

import java.util.List;
import java.util.Optional;

import io.vanishwatch.notifier.delivery.Channel;
import io.vanishwatch.notifier.delivery.Notice;

/**
 * Who is told: a name the routes point at, the channels that reach them, how they want it written, and whether they
 * want to hear that an alert ended.
 */
public record Receiver(String name, List<Channel> channels, Notice.Presentation presentation, boolean sendResolved) {

    public static final String DEFAULT = "default";

    public Receiver {
        channels = List.copyOf(channels);
    }

    public Optional<Channel> channel(String channelName) {
        return channels.stream().filter(channel -> channel.name().equals(channelName)).findFirst();
    }
}
