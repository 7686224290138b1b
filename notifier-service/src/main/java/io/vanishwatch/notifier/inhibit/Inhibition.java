package io.vanishwatch.notifier.inhibit;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import io.vanishwatch.events.Alert;

/**
 * Watcher blind or mass removal on an account mutes the account's other alerts while it is open: the one says the
 * account cannot be seen at all, the other that far more is going on — a smaller alert beside it is noise. A RESOLVED
 * is never muted by inhibition, so whoever was told an alert started is told it ended.
 */
public final class Inhibition {

    /** The patterns that mute the other alerts of their account. */
    public static final Set<Alert.Pattern> INHIBITORS = EnumSet.of(Alert.Pattern.WATCHER_BLIND,
            Alert.Pattern.MASS_REMOVAL);

    private Inhibition() {
    }

    /** The open alert, among {@code openAlerts}, that mutes {@code alert}; empty when none does. */
    public static Optional<Alert> inhibitorOf(Alert alert, Collection<Alert> openAlerts) {
        if (alert.status() == Alert.Status.RESOLVED || INHIBITORS.contains(alert.pattern())) {
            return Optional.empty();
        }
        return openAlerts.stream()
                .filter(open -> INHIBITORS.contains(open.pattern()))
                .filter(open -> open.status() != Alert.Status.RESOLVED)
                .filter(open -> open.account() != null && open.account().equals(alert.account()))
                .findFirst();
    }
}
