package io.vanishwatch.analyzer.views;

import java.time.Instant;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

import io.vanishwatch.events.MailboxEvent;

/** Records every de-duplicated mailbox event in its account's timeline, and the account's watch state. */
final class TimelineRecorder implements Processor<String, MailboxEvent, Void, Void> {

    private WindowStore<String, TimelineEntry> timeline;
    private KeyValueStore<String, AccountState> accounts;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        timeline = context.getStateStore(Timeline.ACCOUNT_TIMELINE);
        accounts = context.getStateStore(Timeline.ACCOUNTS);
    }

    @Override
    public void process(Record<String, MailboxEvent> record) {
        MailboxEvent event = record.value();
        String account = event.account() != null ? event.account() : record.key();
        if (account == null) {
            return;
        }
        Instant at = event.observedAt() != null ? event.observedAt() : Instant.ofEpochMilli(record.timestamp());
        timeline.put(account, TimelineEntry.of(event, at), at.toEpochMilli());
        accounts.put(account, AccountState.after(accounts.get(account), account, event, at));
    }
}
