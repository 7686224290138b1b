package io.vanishwatch.local.office;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.vanishwatch.local.mail.MailAccount;
import jakarta.mail.Address;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * One simulated device reading the shared account over its own IMAP connection, labelled with IMAP ID where the
 * server supports it, acting once on each message that arrived since it last looked (tracked by UID).
 *
 * <p>{@link #checkOnce()} is one synchronous pass, for deterministic tests; {@link #start(Duration)} repeats it on
 * the device's own thread for the demo, where a failed pass is logged and retried on the next one.
 */
public abstract class SimulatedDevice implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SimulatedDevice.class.getName());

    private final String name;
    private final MailAccount account;
    private final Clock clock;
    private final List<Consumer<DeviceAction>> listeners = new CopyOnWriteArrayList<>();
    private final Map<Long, IMAPMessage> current = new HashMap<>();
    private IMAPStore store;
    private IMAPFolder inbox;
    private long uidValidity = -1;
    private long lastUid;
    private boolean reconnectBeforeNextPass;
    private ScheduledExecutorService schedule;

    protected SimulatedDevice(String name, MailAccount account, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.account = Objects.requireNonNull(account, "account");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The name the device gives itself in IMAP ID and in its log lines, e.g. "Mac (front desk)". */
    /** The login the device uses, with the address it connects from. */
    public MailAccount account() {
        return account;
    }

    public String name() {
        return name;
    }

    /** Tells {@code listener} about every action from now on (called on the device's thread). */
    public void onAction(Consumer<DeviceAction> listener) {
        listeners.add(listener);
    }

    /**
     * Looks at the INBOX once, acts on the messages that arrived since the last pass, and returns what it did.
     *
     * @throws IllegalStateException when the pass failed; the connection is dropped and the next pass reconnects
     */
    public final synchronized List<DeviceAction> checkOnce() {
        try {
            IMAPFolder box = openInbox();
            long uidNext = box.getUIDNext();
            // A UIDNEXT at or below a UID already seen means the mailbox was recreated even if UIDVALIDITY looks
            // the same (GreenMail derives it from the clock in seconds).
            if (box.getUIDValidity() != uidValidity || (uidNext > 0 && uidNext <= lastUid)) {
                uidValidity = box.getUIDValidity();
                lastUid = 0;
                onMailboxReset();
            }
            List<InboxMessage> fresh = newMessages(box);
            List<DeviceAction> actions = act(fresh);
            fresh.forEach(message -> lastUid = Math.max(lastUid, message.uid()));
            return actions;
        } catch (MessagingException | RuntimeException e) {
            disconnect();
            throw new IllegalStateException(name + ": pass over " + account.user() + "'s INBOX failed: " + e.getMessage(), e);
        } finally {
            current.clear();
            if (reconnectBeforeNextPass) {
                reconnectBeforeNextPass = false;
                disconnect();
            }
        }
    }

    /** Runs {@link #checkOnce()} now and then every {@code interval} on the device's own thread until closed. */
    public synchronized void start(Duration interval) {
        start(Duration.ZERO, interval);
    }

    /** Like {@link #start(Duration)}, with the first pass after {@code initialDelay}. */
    public synchronized void start(Duration initialDelay, Duration interval) {
        if (schedule != null) {
            throw new IllegalStateException(name + " is already running");
        }
        schedule = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "device " + name);
            thread.setDaemon(true);
            return thread;
        });
        schedule.scheduleWithFixedDelay(this::passQuietly, initialDelay.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Stops the schedule, if any, and logs out. */
    @Override
    public void close() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = schedule;
            schedule = null;
        }
        if (running != null) {
            running.shutdownNow();
            try {
                running.awaitTermination(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            disconnect();
        }
    }

    /** Decides about and acts on the messages new since the last pass (oldest first); returns what it did. */
    protected abstract List<DeviceAction> act(List<InboxMessage> fresh) throws MessagingException;

    /** Called when the INBOX's UIDVALIDITY changed: everything the device knew by UID is void. */
    protected void onMailboxReset() {
    }

    protected final Instant now() {
        return clock.instant();
    }

    /** Logs the action in one line and tells the listeners. */
    protected final DeviceAction record(DeviceAction.Kind kind, InboxMessage message, String destination) {
        DeviceAction action = DeviceAction.of(name, kind, message, destination, now());
        LOG.log(System.Logger.Level.INFO, action.describe());
        for (Consumer<DeviceAction> listener : listeners) {
            try {
                listener.accept(action);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, name + ": an action listener failed: " + e);
            }
        }
        return action;
    }

    protected final IMAPFolder inbox() {
        return inbox;
    }

    /** The message behind an {@link InboxMessage} of this pass. */
    protected final IMAPMessage message(InboxMessage message) {
        IMAPMessage found = current.get(message.uid());
        if (found == null) {
            throw new IllegalArgumentException("UID " + message.uid() + " is not part of this pass");
        }
        return found;
    }

    /** The messages still in the INBOX among {@code uids}, by UID (missing ones were removed meanwhile). */
    protected final Map<Long, IMAPMessage> stillThere(List<Long> uids) throws MessagingException {
        Map<Long, IMAPMessage> found = new LinkedHashMap<>();
        if (uids.isEmpty()) {
            return found;
        }
        Message[] messages = inbox.getMessagesByUID(uids.stream().mapToLong(Long::longValue).toArray());
        for (Message message : messages) {
            if (message != null && !message.isExpunged()) {
                found.put(inbox.getUID(message), (IMAPMessage) message);
            }
        }
        return found;
    }

    /** Opens a message as a mail client does: the body is fetched without PEEK, so the server sets \Seen. */
    protected final void open(IMAPMessage message) throws MessagingException {
        message.setPeek(false);
        try {
            message.writeTo(java.io.OutputStream.nullOutputStream());
        } catch (java.io.IOException e) {
            throw new MessagingException("cannot download the body", e);
        }
        if (!message.isSet(Flags.Flag.SEEN)) {
            message.setFlag(Flags.Flag.SEEN, true);
        }
    }

    /**
     * Opens the message unless another device removed it meanwhile; returns whether it was opened.
     *
     * @throws MessagingException when the message is still there but cannot be opened
     */
    protected final boolean openIfStillThere(InboxMessage message) throws MessagingException {
        try {
            open(message(message));
            return true;
        } catch (MessagingException e) {
            inbox.doCommand(protocol -> {
                protocol.noop();
                return null;
            });
            if (stillThere(List.of(message.uid())).isEmpty()) {
                return false;
            }
            throw e;
        }
    }

    /** Sets \Deleted and expunges just these messages (UID EXPUNGE with UIDPLUS, else a plain EXPUNGE). */
    protected final void deleteAndExpunge(List<IMAPMessage> messages) throws MessagingException {
        Message[] batch = messages.toArray(new Message[0]);
        inbox.setFlags(batch, new Flags(Flags.Flag.DELETED), true);
        if (store.hasCapability("UIDPLUS")) {
            inbox.expunge(batch);
        } else {
            inbox.expunge();
        }
    }

    /** Moves the messages to {@code target} (MOVE where supported, else COPY + \Deleted + EXPUNGE). */
    protected final void moveTo(List<IMAPMessage> messages, Folder target) throws MessagingException {
        Message[] batch = messages.toArray(new Message[0]);
        if (store.hasCapability("MOVE")) {
            inbox.moveMessages(batch, target);
        } else {
            inbox.copyMessages(batch, target);
            deleteAndExpunge(messages);
        }
    }

    /**
     * The folder with SPECIAL-USE {@code attribute} (e.g. {@code \Junk}), else the one named {@code name}
     * (servers without SPECIAL-USE, such as GreenMail); created when {@code createIfMissing}.
     */
    protected final Folder folderFor(String attribute, String name, boolean createIfMissing) throws MessagingException {
        Folder byName = null;
        for (Folder folder : store.getDefaultFolder().list("*")) {
            for (String found : ((IMAPFolder) folder).getAttributes()) {
                if (found.equalsIgnoreCase(attribute)) {
                    return folder;
                }
            }
            if (folder.getName().equalsIgnoreCase(name) || folder.getFullName().equalsIgnoreCase(name)) {
                byName = folder;
            }
        }
        if (byName != null) {
            return byName;
        }
        Folder created = store.getFolder(name);
        if (createIfMissing && created.create(Folder.HOLDS_MESSAGES)) {
            return created;
        }
        throw new MessagingException("no folder with " + attribute + " or named " + name + " for " + account.user());
    }

    private void passQuietly() {
        try {
            checkOnce();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, e.getMessage() + " (trying again on the next pass)");
        }
    }

    private IMAPFolder openInbox() throws MessagingException {
        if (inbox != null && inbox.isOpen() && store.isConnected()) {
            // Select the INBOX afresh on every pass, on the same (labelled) connection: SELECT's EXISTS is
            // authoritative, whereas after another client's EXPUNGE GreenMail's untagged responses can leave a
            // long-open view a message short, and the device would never see the newest mail.
            inbox.close(false);
            inbox.open(Folder.READ_WRITE);
            return inbox;
        }
        disconnect();
        store = account.connect();
        Map<String, String> id = new LinkedHashMap<>();
        id.put("name", name);
        id.put("vendor", "Vanishwatch simulated office");
        boolean labelled = store.hasCapability("ID");
        if (labelled) {
            store.id(id);
        }
        IMAPFolder box = (IMAPFolder) store.getFolder("INBOX");
        box.open(Folder.READ_WRITE);
        if (labelled) {
            box.doCommand(protocol -> protocol.id(id));
        }
        inbox = box;
        return box;
    }

    private List<InboxMessage> newMessages(IMAPFolder box) throws MessagingException {
        Message[] messages = box.getMessagesByUID(lastUid + 1, UIDFolder.LASTUID);
        FetchProfile profile = new FetchProfile();
        profile.add(FetchProfile.Item.ENVELOPE);
        profile.add(FetchProfile.Item.FLAGS);
        profile.add(UIDFolder.FetchProfileItem.UID);
        box.fetch(messages, profile);
        List<Message> byUid = new ArrayList<>(List.of(messages));
        byUid.sort(Comparator.comparingLong(message -> uidOf(box, message)));
        List<InboxMessage> fresh = new ArrayList<>();
        for (Message message : byUid) {
            long uid = uidOf(box, message);
            if (uid <= lastUid || message.isExpunged()) {
                continue; // "UID FETCH n:*" always answers with the last message, even below n
            }
            try {
                fresh.add(summary(uid, (IMAPMessage) message));
                current.put(uid, (IMAPMessage) message);
            } catch (MessagingException e) {
                // Removed by another device during this pass, and the cached view of the mailbox is out of step
                // (GreenMail does this): stop here and look again at this message and later ones on a fresh
                // connection next pass.
                LOG.log(System.Logger.Level.DEBUG, () -> name + ": UID " + uid + " unreadable now: " + e.getMessage());
                reconnectBeforeNextPass = true;
                break;
            }
        }
        return fresh;
    }

    private static long uidOf(IMAPFolder box, Message message) {
        try {
            return box.getUID(message);
        } catch (MessagingException e) {
            return Long.MAX_VALUE;
        }
    }

    private static InboxMessage summary(long uid, IMAPMessage message) throws MessagingException {
        Address[] from = message.getFrom();
        String address = "";
        String display = "";
        if (from != null && from.length > 0) {
            display = from[0].toString();
            address = from[0] instanceof InternetAddress internet && internet.getAddress() != null
                    ? internet.getAddress().toLowerCase(Locale.ROOT) : display.toLowerCase(Locale.ROOT);
        }
        Instant received = message.getReceivedDate() == null ? null : message.getReceivedDate().toInstant();
        return new InboxMessage(uid, message.getMessageID(), address, display, message.getSubject(),
                message.isSet(Flags.Flag.SEEN), received);
    }

    private void disconnect() {
        try {
            if (inbox != null && inbox.isOpen()) {
                inbox.close(false);
            }
        } catch (MessagingException | RuntimeException ignored) {
            // the connection is going away anyway
        }
        try {
            if (store != null) {
                store.close();
            }
        } catch (MessagingException | RuntimeException ignored) {
            // the connection is going away anyway
        }
        inbox = null;
        store = null;
    }
}
