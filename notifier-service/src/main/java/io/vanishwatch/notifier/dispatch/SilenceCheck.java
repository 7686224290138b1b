package io.vanishwatch.notifier.dispatch;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Whether an active silence mutes an alert with these labels now; says which, for the log. */
@FunctionalInterface
public interface SilenceCheck {

    SilenceCheck NONE = (labels, now) -> Optional.empty();

    Optional<String> silencedBy(Map<String, String> labels, Instant now);
}
