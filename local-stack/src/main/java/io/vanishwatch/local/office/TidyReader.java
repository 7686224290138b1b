package io.vanishwatch.local.office;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.vanishwatch.local.mail.MailAccount;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPMessage;

/**
 * Normal use, which must raise nothing: a person who reads new mail and only after it has been read for a while
 * cleans it up — moves it to Trash or an archive folder, or deletes it outright.
 */
public final class TidyReader extends SimulatedDevice {

    /** What the tidy person does with mail once it has been read long enough. */
    public enum Cleanup {
        /** Move to the Trash folder (\Trash, else named "Trash"). */
        TRASH,
        /** Move to an archive folder (\Archive, else named "Archive", created if missing). */
        ARCHIVE,
        /** Set \Deleted and expunge. */
        DELETE
    }

    private record ReadMessage(InboxMessage message, Instant readAt) {
    }

    private final Duration keepAfterReading;
    private final Cleanup cleanup;
    private final Map<Long, ReadMessage> read = new LinkedHashMap<>();

    public TidyReader(String name, MailAccount account, Duration keepAfterReading, Cleanup cleanup) {
        this(name, account, keepAfterReading, cleanup, Clock.systemUTC());
    }

    public TidyReader(String name, MailAccount account, Duration keepAfterReading, Cleanup cleanup, Clock clock) {
        super(name, account, clock);
        this.keepAfterReading = Objects.requireNonNull(keepAfterReading, "keepAfterReading");
        this.cleanup = Objects.requireNonNull(cleanup, "cleanup");
    }

    @Override
    protected List<DeviceAction> act(List<InboxMessage> fresh) throws MessagingException {
        List<DeviceAction> actions = new ArrayList<>(cleanUpReadMail());
        for (InboxMessage message : fresh) {
            if (!openIfStillThere(message)) {
                continue;
            }
            read.put(message.uid(), new ReadMessage(message, now()));
            if (!message.seen()) {
                actions.add(record(DeviceAction.Kind.READ, message, null));
            }
        }
        return actions;
    }

    @Override
    protected void onMailboxReset() {
        read.clear();
    }

    private List<DeviceAction> cleanUpReadMail() throws MessagingException {
        Instant now = now();
        List<Long> due = read.values().stream()
                .filter(entry -> !entry.readAt().plus(keepAfterReading).isAfter(now))
                .map(entry -> entry.message().uid())
                .toList();
        if (due.isEmpty()) {
            return List.of();
        }
        Map<Long, IMAPMessage> present = stillThere(due);
        due.stream().filter(uid -> !present.containsKey(uid)).forEach(read::remove); // removed by someone else
        if (present.isEmpty()) {
            return List.of();
        }
        List<IMAPMessage> batch = new ArrayList<>(present.values());
        String destination = null;
        DeviceAction.Kind kind = DeviceAction.Kind.MOVED;
        switch (cleanup) {
            case TRASH, ARCHIVE -> {
                Folder target = cleanup == Cleanup.TRASH
                        ? folderFor("\\Trash", "Trash", false)
                        : folderFor("\\Archive", "Archive", true);
                moveTo(batch, target);
                destination = target.getFullName();
            }
            case DELETE -> {
                deleteAndExpunge(batch);
                kind = DeviceAction.Kind.DELETED;
            }
        }
        List<DeviceAction> actions = new ArrayList<>();
        for (Long uid : present.keySet()) {
            actions.add(record(kind, read.remove(uid).message(), destination));
        }
        return actions;
    }
}
