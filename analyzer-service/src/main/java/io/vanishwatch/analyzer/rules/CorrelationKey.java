package io.vanishwatch.analyzer.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What makes a removal in one folder and an arrival in another recognisably the same message: its Message-ID, or
 * for a message without one its sender, subject and INTERNALDATE (which IMAP COPY and MOVE preserve).
 */
public final class CorrelationKey {

    private CorrelationKey() {
    }

    /** The key of a message, empty when nothing identifies it across folders. */
    public static Optional<String> of(KnownMessage message) {
        if (message.messageId() != null && !message.messageId().isBlank()) {
            return Optional.of("mid:" + message.messageId().trim());
        }
        if (message.from() == null && message.subject() == null && message.internalDate() == null) {
            return Optional.empty();
        }
        return Optional.of("fp:" + fingerprint(message.from(), message.subject(), message.internalDate()));
    }

    private static String fingerprint(String from, String subject, Instant internalDate) {
        String identity = from + "\u0000" + subject + "\u0000" + (internalDate == null ? "" : internalDate.toEpochMilli());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
