package io.vanishwatch.collector.publish;

/** Events could not be published; the watcher keeps its old state and resynchronises, so nothing is lost. */
public class PublishException extends Exception {

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
