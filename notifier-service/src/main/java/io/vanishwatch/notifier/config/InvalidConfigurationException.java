package io.vanishwatch.notifier.config;

import java.util.List;

/** Stops the notifier at start: each line names a {@code vanishwatch.notifier} key and what is wrong with it. */
public class InvalidConfigurationException extends RuntimeException {

    private final List<String> problems;

    public InvalidConfigurationException(List<String> problems) {
        super("invalid notifier configuration:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
