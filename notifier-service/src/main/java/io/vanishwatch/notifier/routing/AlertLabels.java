package io.vanishwatch.notifier.routing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vanishwatch.events.Alert;

/**
 * The labels an alert is routed, grouped, silenced and inhibited by, in Alertmanager's terms: its account, the
 * customer the account belongs to (configured), its pattern and its severity.
 */
public final class AlertLabels {

    public static final String ACCOUNT = "account";
    public static final String CUSTOMER = "customer";
    public static final String PATTERN = "pattern";
    public static final String SEVERITY = "severity";
    public static final List<String> ALL = List.of(ACCOUNT, CUSTOMER, PATTERN, SEVERITY);

    private AlertLabels() {
    }

    /** The labels of {@code alert}; {@code customer} is absent when the account has none configured. */
    public static Map<String, String> of(Alert alert, Customers customers) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(ACCOUNT, alert.account());
        customers.of(alert.account()).ifPresent(customer -> labels.put(CUSTOMER, customer));
        if (alert.pattern() != null) {
            labels.put(PATTERN, alert.pattern().name());
        }
        if (alert.severity() != null) {
            labels.put(SEVERITY, alert.severity().name());
        }
        return Map.copyOf(labels);
    }
}
