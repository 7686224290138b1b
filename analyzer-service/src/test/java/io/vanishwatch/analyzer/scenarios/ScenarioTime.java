package io.vanishwatch.analyzer.scenarios;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scenarios' way of writing time: durations as {@code 90s}, {@code 2h}, {@code 1h30m}, {@code 400ms}, {@code 3d};
 * instants as an offset from the scenario's start ({@code +90s}, {@code -400d}) or an ISO instant.
 */
final class ScenarioTime {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|d|h|m|s)");

    private final Instant start;

    ScenarioTime(Instant start) {
        this.start = start;
    }

    Instant start() {
        return start;
    }

    /** An instant: {@code +2h}, {@code -30d} from the start, or ISO-8601; null stays null. */
    Instant instant(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.trim();
        if (trimmed.startsWith("+")) {
            return start.plus(duration(trimmed.substring(1)));
        }
        if (trimmed.startsWith("-")) {
            return start.minus(duration(trimmed.substring(1)));
        }
        return Instant.parse(trimmed);
    }

    static Duration duration(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a duration is required (like 90s, 2h, 1h30m)");
        }
        Matcher m = PART.matcher(text.trim());
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                break;
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
            end = m.end();
        }
        if (end == 0 || end != text.trim().length()) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (write it like 90s, 2h, 1h30m, 400ms, 3d)");
        }
        return total;
    }

    /** {@code +1h02m03s} from the start: how the failure report names times. */
    String offset(Instant instant) {
        if (instant == null) {
            return "-";
        }
        Duration d = Duration.between(start, instant);
        String sign = d.isNegative() ? "-" : "+";
        d = d.abs();
        StringBuilder s = new StringBuilder(sign);
        if (d.toDays() > 0) {
            s.append(d.toDays()).append('d');
        }
        if (d.toHoursPart() > 0) {
            s.append(d.toHoursPart()).append('h');
        }
        if (d.toMinutesPart() > 0) {
            s.append(d.toMinutesPart()).append('m');
        }
        if (d.toSecondsPart() > 0 || d.toMillisPart() > 0 || s.length() == 1) {
            s.append(d.toSecondsPart());
            if (d.toMillisPart() > 0) {
                s.append('.').append(String.format("%03d", d.toMillisPart()));
            }
            s.append('s');
        }
        return s.toString();
    }
}
