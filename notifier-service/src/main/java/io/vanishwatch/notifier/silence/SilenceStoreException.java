package io.vanishwatch.notifier.silence;

/** A silence could not be written to, or read back from, its topic in time: the caller may try again. */
public class SilenceStoreException extends Exception {

    public SilenceStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
