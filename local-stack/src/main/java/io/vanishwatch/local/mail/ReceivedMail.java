package io.vanishwatch.local.mail;

import java.time.Instant;

/** One message as it sits in a mailbox, for checking what a user (such as the support desk) received. */
public record ReceivedMail(long uid, String messageId, String from, String to, String subject, String text,
                           Instant sentAt, boolean seen) {

    /** A short multi-line rendering for a terminal. */
    public String render() {
        return "Date:       " + sentAt + "\n"
                + "From:       " + from + "\n"
                + "To:         " + to + "\n"
                + "Subject:    " + subject + "\n"
                + "Message-ID: " + messageId + "\n\n"
                + text.strip() + "\n";
    }
}
