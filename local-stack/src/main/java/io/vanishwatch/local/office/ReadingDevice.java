package io.vanishwatch.local.office;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.vanishwatch.local.mail.MailAccount;
import jakarta.mail.MessagingException;

/** A phone or computer that just reads: it opens each new unread message (the server marks it \Seen), nothing else. */
public final class ReadingDevice extends SimulatedDevice {

    public ReadingDevice(String name, MailAccount account) {
        this(name, account, Clock.systemUTC());
    }

    public ReadingDevice(String name, MailAccount account, Clock clock) {
        super(name, account, clock);
    }

    @Override
    protected List<DeviceAction> act(List<InboxMessage> fresh) throws MessagingException {
        List<DeviceAction> actions = new ArrayList<>();
        for (InboxMessage message : fresh) {
            if (!message.seen() && openIfStillThere(message)) {
                actions.add(record(DeviceAction.Kind.READ, message, null));
            }
        }
        return actions;
    }
}
