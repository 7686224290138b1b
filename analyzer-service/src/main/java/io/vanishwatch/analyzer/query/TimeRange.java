package io.vanishwatch.analyzer.query;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The span of time a timeline question covers, both ends included. */
public record TimeRange(Instant from, Instant to) {

    /** Without {@code from}, the range starts this long before its end. */
    public static final Duration DEFAULT_SPAN = Duration.ofHours(24);

    /**
     * The range of the query parameters {@code from} and {@code to} (ISO-8601 instants, either may be absent): by
     * default the last 24 hours up to now.
     *
     * @throws QueryException (BAD_REQUEST) for a time that is not an instant, or a range that ends before it starts
     */
    public static TimeRange parse(String from, String to, Clock clock) {
        Instant end = instant("to", to);
        end = end == null ? clock.instant() : end;
        Instant start = instant("from", from);
        start = start == null ? end.minus(DEFAULT_SPAN) : start;
        if (end.isBefore(start)) {
            throw new QueryException(QueryException.Reason.BAD_REQUEST,
                    "'to' (" + end + ") is before 'from' (" + start + ")");
        }
        return new TimeRange(start, end);
    }

    /** The query string that asks another instance for this same range. */
    public String query() {
        return "from=" + URLEncoder.encode(from.toString(), StandardCharsets.UTF_8)
                + "&to=" + URLEncoder.encode(to.toString(), StandardCharsets.UTF_8);
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new QueryException(QueryException.Reason.BAD_REQUEST,
                    "'" + name + "' must be an ISO-8601 instant such as 2026-03-02T09:00:00Z, was '" + value + "'");
        }
    }
}
