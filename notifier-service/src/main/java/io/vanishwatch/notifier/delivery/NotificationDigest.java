package io.vanishwatch.notifier.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.vanishwatch.events.Alert;

/**
 * The SHA-256 of an alert's notification key, in hex: the same for every attempt and every repeat of one notification,
 * so receivers can recognise a repeat (e-mail {@code Message-ID}, HTTP {@code Idempotency-Key}) without the key's
 * account name travelling in a header.
 */
public final class NotificationDigest {

    private NotificationDigest() {
    }

    public static String of(Alert alert) {
        return hex(alert.notificationKey());
    }

    static String hex(String notificationKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(notificationKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
