package io.vanishwatch.local.office;

import java.time.Instant;

/** One thing a simulated device did to one message, as the device's owner would describe it. */
public record DeviceAction(String device, Kind kind, long uid, String messageId, String from, String subject,
                           String destination, Instant at) {

    /** What happened to the message. */
    public enum Kind {
        /** Opened: the body was fetched and the message is now \Seen. */
        READ,
        /** Downloaded unread, then \Deleted and expunged: gone from the server, kept only on the device. */
        TAKEN_OFF_SERVER,
        /** Moved to another server folder (Junk, Trash, an archive). */
        MOVED,
        /** Flagged \Deleted and expunged without a copy anywhere. */
        DELETED
    }

    static DeviceAction of(String device, Kind kind, InboxMessage message, String destination, Instant at) {
        return new DeviceAction(device, kind, message.uid(), message.messageId(), message.fromAddress(),
                message.subject(), destination, at);
    }

    /** One readable line, e.g. "Mac (front desk): took 'Your invoice' from billing@… off the server (kept locally)". */
    public String describe() {
        String what = "'" + subject + "' from " + from;
        return switch (kind) {
            case READ -> device + ": read " + what;
            case TAKEN_OFF_SERVER -> device + ": took " + what + " off the server (kept locally)";
            case MOVED -> device + ": moved " + what + " to " + destination;
            case DELETED -> device + ": deleted " + what + " (expunged)";
        };
    }
}
