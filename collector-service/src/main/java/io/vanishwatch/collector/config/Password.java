package io.vanishwatch.collector.config;

/** A password that cannot end up in a log line by accident: {@link #toString()} never shows it. */
public final class Password {

    private final String value;

    public Password(String value) {
        this.value = value;
    }

    /** The clear text, for the IMAP login only. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "********";
    }
}
