package io.vanishwatch.analyzer.topology;

import org.apache.kafka.common.errors.SerializationException;

import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.Topics;
import io.vanishwatch.events.Verdict;

/** The mailbox events, each with what its type needs; the rest parked on the dead-letter topic. */
final class MailboxEventDecoder extends RecordDecoder<MailboxEvent> {

    MailboxEventDecoder() {
        super(Topics.MAILBOX_EVENTS, AnalyzerTopology.DECODER, AnalyzerTopology.MAILBOX_EVENTS_DEAD_LETTERS,
                AnalyzerTopology.DEDUPLICATOR);
    }

    @Override
    MailboxEvent check(MailboxEvent event) {
        if (event.type() == null || event.account() == null || event.observedAt() == null) {
            throw new SerializationException("a mailbox event needs type, account and observedAt");
        }
        boolean aboutFolder = event.type() != MailboxEvent.Type.WATCH_STATE;
        if (aboutFolder && event.folder() == null) {
            throw new SerializationException("a " + event.type() + " event needs its folder");
        }
        if (event.type() == MailboxEvent.Type.WATCH_STATE && event.watchState() == null) {
            throw new SerializationException("a WATCH_STATE event needs its watchState");
        }
        Verdict verdict = event.verdict();
        if (event.type() == MailboxEvent.Type.REMOVED && verdict != null) {
            if (verdict.location() == null) {
                throw new SerializationException("a REMOVED event's verdict needs its location");
            }
            if (verdict.location() == Verdict.Location.IN_FOLDER && verdict.folder() == null) {
                throw new SerializationException("a REMOVED event's IN_FOLDER verdict needs its folder");
            }
        }
        return event;
    }

    @Override
    String account(MailboxEvent event) {
        return event.account();
    }
}
