package io.vanishwatch.collector.publish;

/** Where the watchers put what they saw; returns only once it is safely stored. */
public interface EventPublisher {

    /**
     * Publishes the events in order, keyed by account, and the checkpoint changes with them, atomically; throws if
     * they may not have been stored, in which case none of them is visible to a read-committed reader.
     */
    void publish(Publication publication) throws PublishException;
}
