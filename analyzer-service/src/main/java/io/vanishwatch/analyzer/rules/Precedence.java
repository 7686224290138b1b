package io.vanishwatch.analyzer.rules;

import java.util.List;
import java.util.Set;

import io.vanishwatch.events.Alert;

/**
 * Which pattern speaks for an account when several match: a blind watch and a mass removal outweigh everything else
 * on the account (but a rebuilt folder, which is information of its own); a download-and-delete device explains mail
 * gone unread. A dominated pattern does
 * not fire beside its dominant: the dominant names it instead.
 */
public final class Precedence {

    /** The order patterns are followed in on each record, dominants first, so they decide before what they hold. */
    public static final List<Alert.Pattern> ORDER = List.of(
            Alert.Pattern.WATCHER_BLIND, Alert.Pattern.MASS_REMOVAL, Alert.Pattern.DOWNLOAD_AND_DELETE,
            Alert.Pattern.CLIENT_MOVES_TO_LOCAL, Alert.Pattern.DELETED_UNREAD, Alert.Pattern.MOVED_TO_JUNK,
            Alert.Pattern.MOVED_TO_FOLDER, Alert.Pattern.MAILBOX_RESET, Alert.Pattern.LOGIN_FAILURES,
            Alert.Pattern.NEW_DEVICE);

    /** About logins, which the server's log tells and the watch does not see: nothing holds them back. */
    private static final Set<Alert.Pattern> ABOUT_LOGINS = Set.of(Alert.Pattern.LOGIN_FAILURES, Alert.Pattern.NEW_DEVICE);

    /** The patterns of mail taken away (not moved within the server, not a rebuilt folder). */
    private static final Set<Alert.Pattern> LOSSES = Set.of(Alert.Pattern.CLIENT_MOVES_TO_LOCAL,
            Alert.Pattern.DELETED_UNREAD, Alert.Pattern.DOWNLOAD_AND_DELETE);

    private static final Set<Alert.Pattern> BELOW_DOWNLOAD_AND_DELETE =
            Set.of(Alert.Pattern.CLIENT_MOVES_TO_LOCAL, Alert.Pattern.DELETED_UNREAD);

    private Precedence() {
    }

    /**
     * Whether {@code dominant}, when it starts firing, explains an alert of {@code other} already out, which then
     * ends saying so: a mass removal explains mail deleted or gone; a download-and-delete device explains mail gone
     * unread. A blind watch explains nothing that was seen before it went blind. Nothing holds back failed logins or
     * a new device: the server's log tells them even while the watch is blind.
     */
    public static boolean explains(Alert.Pattern dominant, Alert.Pattern other) {
        return dominant != Alert.Pattern.WATCHER_BLIND && dominates(dominant, other) && LOSSES.contains(other);
    }

    /** Whether {@code dominant}, while firing, holds {@code other} back. */
    public static boolean dominates(Alert.Pattern dominant, Alert.Pattern other) {
        if (dominant == other || ABOUT_LOGINS.contains(other)) {
            return false;
        }
        return switch (dominant) {
            case WATCHER_BLIND -> true;
            case MASS_REMOVAL -> other != Alert.Pattern.WATCHER_BLIND && other != Alert.Pattern.MAILBOX_RESET;
            case DOWNLOAD_AND_DELETE -> BELOW_DOWNLOAD_AND_DELETE.contains(other);
            default -> false;
        };
    }
}
