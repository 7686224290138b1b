package io.vanishwatch.notifier.delivery.email;

import java.util.List;

import io.vanishwatch.events.Alert;
import io.vanishwatch.notifier.content.AlertText;

/** The subject and plain-text body of the e-mail about one alert. */
public final class AlertEmail {

    private final AlertText text;

    public AlertEmail(AlertText text) {
        this.text = text;
    }

    /** "[Vanishwatch] FIRING CRITICAL office: 3 unread messages vanished (client moves new mail to local storage)". */
    public String subject(Alert alert) {
        return "[Vanishwatch] " + text.headline(alert);
    }

    public String body(Alert alert) {
        StringBuilder body = new StringBuilder()
                .append(text.headline(alert)).append("\n\n")
                .append("Account:  ").append(alert.account()).append('\n')
                .append("Pattern:  ").append(AlertText.patternPhrase(alert.pattern())).append('\n')
                .append("Status:   ").append(alert.status()).append(", severity ").append(alert.severity()).append('\n')
                .append(counted(alert)).append('\n');
        if (alert.summary() != null) {
            body.append(alert.summary().strip()).append("\n\n");
        }
        List<String> facts = text.facts(alert);
        if (!facts.isEmpty()) {
            facts.forEach(fact -> body.append(fact).append('\n'));
            body.append('\n');
        }
        if (alert.advice() != null) {
            body.append("What to do:\n").append(alert.advice().strip()).append("\n\n");
        }
        if (!alert.evidence().isEmpty()) {
            body.append(AlertText.evidenceIsPartial(alert)
                            ? "The latest " + alert.evidence().size() + " of " + alert.count() + " messages:\n"
                            : "The messages (" + alert.evidence().size() + "):\n")
                    .append(text.evidenceList(alert)).append('\n');
        }
        body.append("First seen: ").append(text.time(alert.firstSeen())).append('\n')
                .append("Last seen:  ").append(text.time(alert.lastSeen())).append('\n')
                .append("Alert key:  ").append(alert.alertKey()).append('\n')
                .append("Notification: ").append(alert.notificationKey()).append("\n\n")
                .append("-- \nSent by the Vanishwatch notifier.\n");
        return body.toString();
    }

    /** "Messages: 3", "Resets:   2", or nothing for a blind watch, which counts no messages. */
    private static String counted(Alert alert) {
        return switch (alert.pattern()) {
            case WATCHER_BLIND -> "";
            case MAILBOX_RESET -> "Resets:   " + alert.count() + "\n";
            case LOGIN_FAILURES -> "Failed logins: " + alert.count() + "\n";
            case NEW_DEVICE -> "New devices: " + alert.count() + "\n";
            default -> "Messages: " + alert.count() + "\n";
        };
    }
}
