package io.vanishwatch.notifier.routing;

import java.util.List;

import io.vanishwatch.events.Alert;
import io.vanishwatch.notifier.delivery.Channel;

/**
 * Decides which channels hear about an alert: every configured channel, for FIRING, UPDATED and RESOLVED alike and
 * whatever the severity, so that whoever was told a problem started is also told how it grew and that it stopped.
 */
public final class Router {

    private final List<Channel> channels;

    public Router(List<Channel> channels) {
        this.channels = List.copyOf(channels);
    }

    /** The channels to deliver {@code alert} to, in configuration order; none for an alert without a key. */
    public List<Channel> route(Alert alert) {
        if (alert.alertKey() == null || alert.status() == null || alert.firstSeen() == null) {
            return List.of();
        }
        return channels;
    }
}
