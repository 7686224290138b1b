package io.vanishwatch.collector.publish;

import java.util.List;

import io.vanishwatch.events.MailboxEvent;

/** Where the watchers put what they saw; returns only once every event is safely stored. */
public interface EventPublisher {

    /** Publishes the events in order, keyed by account; throws if any of them may not have been stored. */
    void publish(List<MailboxEvent> events) throws PublishException;
}
