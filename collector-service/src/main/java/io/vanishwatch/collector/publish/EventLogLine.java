package io.vanishwatch.collector.publish;

import io.vanishwatch.events.MailboxEvent;

/** The one log line per published event, written for a person reading the log. */
final class EventLogLine {

    private EventLogLine() {
    }

    static String of(MailboxEvent e) {
        StringBuilder line = new StringBuilder("account ").append(e.account()).append(", ").append(e.folder())
                .append(" (").append(e.folderRole()).append("): ").append(e.type());
        switch (e.type()) {
            case ARRIVED, REMOVED, FLAGS_CHANGED -> {
                line.append(" uid ").append(e.uid());
                line.append(" \"").append(e.subject() == null ? "" : e.subject()).append('"');
                if (e.from() != null) {
                    line.append(" from ").append(e.from());
                }
                line.append(" flags ").append(e.flags().isEmpty() ? "none" : String.join(" ", e.flags()));
                if (e.detectedBy() != null) {
                    line.append(" [").append(e.detectedBy());
                    if (e.lastSeenAt() != null) {
                        line.append(", last seen ").append(e.lastSeenAt());
                    }
                    line.append(']');
                }
            }
            case WATCH_STATE -> line.append(' ').append(e.watchState()).append(": ").append(e.reason());
            default -> line.append(" uidvalidity ").append(e.uidValidity()).append(": ").append(e.reason());
        }
        return line.toString();
    }
}
