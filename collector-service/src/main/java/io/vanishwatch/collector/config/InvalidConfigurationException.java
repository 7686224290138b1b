package io.vanishwatch.collector.config;

import java.util.List;

/** Stops the collector at start: every problem names its configuration key and the reason. */
public class InvalidConfigurationException extends RuntimeException {

    private final List<String> problems;

    public InvalidConfigurationException(List<String> problems) {
        super("invalid collector configuration:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem as {@code key: reason}. */
    public List<String> problems() {
        return problems;
    }
}
