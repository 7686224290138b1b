package io.vanishwatch.notifier.dispatch;

import io.vanishwatch.events.Alert;

/**
 * An alert that is not resolved yet, as the router last saw it.
 *
 * @param placedKey the notification key of the state last handed to the routes; null while it was never handed on
 *                  (muted since it came)
 * @param mutedBy   what keeps its current state from the routes (a silence, an inhibiting alert); null when nothing
 */
public record OpenAlert(Alert alert, String placedKey, String mutedBy) {

    /** Whether its current state still has to be handed to the routes. */
    public boolean pending() {
        return !alert.notificationKey().equals(placedKey);
    }

    /** Whether any state of it was handed to the routes: its receivers know of it. */
    public boolean told() {
        return placedKey != null;
    }
}
