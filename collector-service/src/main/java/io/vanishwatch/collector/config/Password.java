package io.vanishwatch.collector.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A password that cannot end up in a log line by accident: {@link #toString()} never shows it. One kept in a file
 * is read again at every use, so that after a password change, writing the new one into the file is enough: the
 * watch's next login uses it, without a restart.
 */
public final class Password {

    private final Path file;
    private volatile String value;

    public Password(String value) {
        this(value, null);
    }

    private Password(String value, Path file) {
        this.value = value;
        this.file = file;
    }

    /**
     * The password in {@code file} (trailing line breaks dropped), read now and again at each {@link #reveal()}.
     *
     * @throws UncheckedIOException when the file cannot be read now
     */
    public static Password fromFile(Path file) {
        try {
            return new Password(read(file), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * The clear text, for the IMAP login only; for a file, what it holds now, or the last password it held while it
     * is empty or unreadable (an editor replacing it, say).
     */
    public String reveal() {
        if (file != null) {
            try {
                String now = read(file);
                if (!now.isEmpty()) {
                    value = now;
                }
            } catch (IOException keepTheLastOne) {
                // the last password read stays in use
            }
        }
        return value;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file).replaceAll("[\\r\\n]+$", "");
    }

    @Override
    public String toString() {
        return "********";
    }
}
