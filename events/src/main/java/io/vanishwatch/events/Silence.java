package io.vanishwatch.events;

import java.time.Instant;
import java.util.List;

/**
 * A person's decision that alerts matching some labels are not to be notified between two instants, and why
 * (Alertmanager's silence). The notifier keeps them on {@link Topics#SILENCES}, one record per version.
 *
 * @param id        the silence's identity and its record key
 * @param matchers  all must match an alert's labels ({@code account}, {@code customer}, {@code pattern},
 *                  {@code severity}) for the silence to cover it
 * @param startsAt  from when it mutes (inclusive)
 * @param endsAt    until when it mutes (exclusive); expiring a silence sets it to the moment of expiry
 * @param createdBy who set it
 * @param comment   why
 * @param updatedAt when this version was written
 */
public record Silence(
        String id,
        List<Matcher> matchers,
        Instant startsAt,
        Instant endsAt,
        String createdBy,
        String comment,
        Instant updatedAt) {

    public Silence {
        matchers = matchers == null ? List.of() : List.copyOf(matchers);
    }

    /**
     * One condition on one label. A label the alert lacks counts as the empty string; a regular expression must match
     * the whole value (it is anchored, as in Alertmanager).
     */
    public record Matcher(String label, String value, Operator operator) {

        public enum Operator {
            /** {@code =} */
            EQUAL,
            /** {@code !=} */
            NOT_EQUAL,
            /** {@code =~} */
            REGEX,
            /** {@code !~} */
            NOT_REGEX
        }
    }
}
