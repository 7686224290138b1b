package io.vanishwatch.events;

import java.time.Instant;
import java.util.Set;

/** What is worth knowing about one message to describe it once it has gone: the server forgets it on expunge. */
public record MessageSummary(String messageId, String from, String subject, long size, Instant internalDate, Set<String> flags) {

    public MessageSummary {
        flags = flags == null ? Set.of() : Set.copyOf(flags);
    }

    public MessageSummary withFlags(Set<String> newFlags) {
        return new MessageSummary(messageId, from, subject, size, internalDate, newFlags);
    }

    public boolean seen() {
        return flags.contains(MailboxEvent.SEEN);
    }
}
