package io.vanishwatch.notifier.silence;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.vanishwatch.events.Alert;

/** The labels of an alert that a silence's matchers can name, and how an alert is turned into them. */
public final class SilenceLabels {

    public static final String ACCOUNT = "account";
    public static final String CUSTOMER = "customer";
    public static final String PATTERN = "pattern";
    public static final String SEVERITY = "severity";

    /** The only labels a matcher may name: a typo in a label would otherwise silence nothing, silently. */
    public static final Set<String> KNOWN = Set.of(ACCOUNT, CUSTOMER, PATTERN, SEVERITY);

    private SilenceLabels() {
    }

    /**
     * An alert's labels: its account, pattern and severity as their enum names, and the customer the routing
     * assigned to the account (left out when null).
     */
    public static Map<String, String> of(Alert alert, String customer) {
        Map<String, String> labels = new HashMap<>();
        put(labels, ACCOUNT, alert.account());
        put(labels, PATTERN, alert.pattern() == null ? null : alert.pattern().name());
        put(labels, SEVERITY, alert.severity() == null ? null : alert.severity().name());
        put(labels, CUSTOMER, customer);
        return Map.copyOf(labels);
    }

    private static void put(Map<String, String> labels, String label, String value) {
        if (value != null) {
            labels.put(label, value);
        }
    }
}
