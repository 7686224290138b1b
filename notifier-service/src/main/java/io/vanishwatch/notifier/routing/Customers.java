package io.vanishwatch.notifier.routing;

import java.util.Map;
import java.util.Optional;

/** Which customer each account belongs to, as configured ({@code vanishwatch.notifier.accounts.<id>.customer}). */
public record Customers(Map<String, String> byAccount) {

    public static final Customers NONE = new Customers(Map.of());

    public Customers {
        byAccount = Map.copyOf(byAccount);
    }

    public Optional<String> of(String account) {
        return Optional.ofNullable(account == null ? null : byAccount.get(account));
    }
}
