package io.vanishwatch.local.office;

import java.time.Instant;

/** What a device sees of one INBOX message before it decides what to do with it. */
public record InboxMessage(long uid, String messageId, String fromAddress, String from, String subject,
                           boolean seen, Instant receivedAt) {

    /** The sender's domain, lower case ("" when there is no sender). */
    public String fromDomain() {
        int at = fromAddress.lastIndexOf('@');
        return at < 0 ? "" : fromAddress.substring(at + 1);
    }
}
