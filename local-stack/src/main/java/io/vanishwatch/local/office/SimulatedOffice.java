package io.vanishwatch.local.office;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.vanishwatch.local.mail.MailAccount;
import io.vanishwatch.local.mail.MailDrop;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * The motivating office: one account read by five devices — a Mac whose junk filter takes supplier invoices off
 * the server, a device that moves newsletters to Junk, and readers (optionally one tidy person) — fed by a stream
 * of realistic mail. Tests drive it step by step; the demo lets it run on its own.
 */
public final class SimulatedOffice implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SimulatedOffice.class.getName());

    private final OfficeMailSource source;
    private final MailDrop drop;
    private final JunkFilteringMac mac;
    private final ServerJunkMover junkMover;
    private final List<SimulatedDevice> others;
    private ScheduledExecutorService deliveries;

    private SimulatedOffice(Builder builder) {
        this.source = new OfficeMailSource(builder.address, builder.seed, builder.clock);
        this.drop = builder.drop;
        MailAccount account = builder.account;
        this.mac = new JunkFilteringMac("Mac (front desk)", from(builder, account, 2), builder.macFilter, builder.clock);
        this.junkMover = new ServerJunkMover("MacBook (back office)", from(builder, account, 3), builder.junkMoverFilter,
                builder.clock);
        List<SimulatedDevice> readers = new ArrayList<>();
        readers.add(new ReadingDevice("iPhone (owner)", from(builder, account, 4), builder.clock));
        readers.add(new ReadingDevice("iPad (sales)", from(builder, account, 5), builder.clock));
        readers.add(builder.tidyAfter == null
                ? new ReadingDevice("PC (accounts)", from(builder, account, 6), builder.clock)
                : new TidyReader("PC (accounts)", from(builder, account, 6), builder.tidyAfter, builder.tidyCleanup,
                        builder.clock));
        this.others = List.copyOf(readers);
    }

    /** The device's own loopback address 127.0.0.{@code n} when the office is built with distinct addresses. */
    private static MailAccount from(Builder builder, MailAccount account, int n) {
        return builder.distinctAddresses ? account.from("127.0.0." + n) : account;
    }

    /** The address a device connects from: 127.0.0.2 for the Mac, up to .6 for the PC; null when not distinct. */
    public static String addressOf(SimulatedDevice device) {
        return device.account().localAddress();
    }

    /**
     * An office whose account is {@code account} (mail addressed to {@code address}), receiving its mail through
     * {@code drop} — {@code DemoMailServer.mailDrop()} or {@code DovecotServer.mailDrop(user)} /
     * {@code MailDrop.imapAppend(account)}.
     */
    public static Builder builder(MailAccount account, String address, MailDrop drop) {
        return new Builder(account, address, drop);
    }

    public JunkFilteringMac mac() {
        return mac;
    }

    public ServerJunkMover junkMover() {
        return junkMover;
    }

    /** The readers (the last one is the tidy person when configured). */
    public List<SimulatedDevice> readers() {
        return others;
    }

    /** All five devices, in the order {@link #runDevicesOnce()} runs them. */
    public List<SimulatedDevice> devices() {
        List<SimulatedDevice> all = new ArrayList<>();
        all.add(mac);
        all.add(junkMover);
        all.addAll(others);
        return all;
    }

    /** Tells {@code listener} about every action of every device. */
    public void onAction(Consumer<DeviceAction> listener) {
        devices().forEach(device -> device.onAction(listener));
    }

    /** Delivers {@code count} messages of {@code kind} now and returns their Message-IDs. */
    public List<String> deliver(OfficeMailSource.Kind kind, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(deliver(source.next(kind)));
        }
        return ids;
    }

    /** Delivers {@code count} messages of the usual mix now and returns their Message-IDs. */
    public List<String> deliverMix(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(deliver(source.next()));
        }
        return ids;
    }

    /**
     * One pass of every device, junk filters first (so they see new mail before anyone reads it), then the readers.
     * A device whose pass fails is logged and skipped.
     */
    public List<DeviceAction> runDevicesOnce() {
        List<DeviceAction> actions = new ArrayList<>();
        for (SimulatedDevice device : devices()) {
            try {
                actions.addAll(device.checkOnce());
            } catch (IllegalStateException e) {
                LOG.log(System.Logger.Level.WARNING, e.getMessage());
            }
        }
        return actions;
    }

    /**
     * Lets the office run on its own: a message of the usual mix every {@code deliveryEvery}; the two junk-filtering
     * devices look every {@code devicesEvery} (filters act on arrival), the readers ten times as seldom (people
     * read later), so filtered mail usually leaves unread.
     */
    public void start(Duration deliveryEvery, Duration devicesEvery) {
        start(deliveryEvery, devicesEvery, devicesEvery.multipliedBy(10));
    }

    /** Like {@link #start(Duration, Duration)}, with the readers' interval chosen. */
    public synchronized void start(Duration deliveryEvery, Duration filtersEvery, Duration readersEvery) {
        if (deliveries != null) {
            throw new IllegalStateException("the simulated office is already running");
        }
        mac.start(filtersEvery);
        junkMover.start(filtersEvery.dividedBy(2), filtersEvery);
        for (int i = 0; i < others.size(); i++) {
            Duration firstLook = readersEvery.multipliedBy(i + 1).dividedBy(others.size());
            others.get(i).start(firstLook, readersEvery);
        }
        deliveries = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "office mail source");
            thread.setDaemon(true);
            return thread;
        });
        deliveries.scheduleWithFixedDelay(this::deliverQuietly, 0, deliveryEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the mail source and every device. */
    @Override
    public void close() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = deliveries;
            deliveries = null;
        }
        if (running != null) {
            running.shutdown();
            try {
                running.awaitTermination(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        devices().forEach(SimulatedDevice::close);
    }

    private String deliver(MimeMessage message) {
        try {
            String messageId = drop.deliver(message);
            LOG.log(System.Logger.Level.INFO, () -> "mail source: delivered '" + subjectOf(message) + "' from "
                    + fromOf(message));
            return messageId;
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot deliver to the office account: " + e.getMessage(), e);
        }
    }

    private void deliverQuietly() {
        try {
            deliver(source.next());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, e.getMessage() + " (trying again with the next message)");
        }
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            return "?";
        }
    }

    private static String fromOf(MimeMessage message) {
        try {
            return message.getFrom()[0].toString();
        } catch (MessagingException | RuntimeException e) {
            return "?";
        }
    }

    /** How the office is set up; everything but the account and the mail drop has a default. */
    public static final class Builder {
        private final MailAccount account;
        private final String address;
        private final MailDrop drop;
        private Clock clock = Clock.systemUTC();
        private long seed = 42;
        private Predicate<InboxMessage> macFilter =
                JunkFilter.fromSenders(OfficeMailSource.invoiceSenders());
        private Predicate<InboxMessage> junkMoverFilter =
                JunkFilter.fromSenders(OfficeMailSource.newsletterSenders());
        private Duration tidyAfter;
        private TidyReader.Cleanup tidyCleanup = TidyReader.Cleanup.TRASH;
        private boolean distinctAddresses;

        private Builder(MailAccount account, String address, MailDrop drop) {
            this.account = Objects.requireNonNull(account, "account");
            this.address = Objects.requireNonNull(address, "address");
            this.drop = Objects.requireNonNull(drop, "drop");
        }

        /** The clock of the devices and the mail source (a fixed or movable one in tests). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The seed of the mail mix, for reproducible runs (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** What the Mac's junk filter takes off the server (default: the supplier's invoices). */
        public Builder macFilter(Predicate<InboxMessage> filter) {
            this.macFilter = Objects.requireNonNull(filter, "filter");
            return this;
        }

        /** What the junk mover moves to Junk (default: newsletters). */
        public Builder junkMoverFilter(Predicate<InboxMessage> filter) {
            this.junkMoverFilter = Objects.requireNonNull(filter, "filter");
            return this;
        }

        /** Makes the third reader a tidy person who cleans up mail {@code keepAfterReading} after reading it. */
        public Builder tidyReader(Duration keepAfterReading, TidyReader.Cleanup cleanup) {
            this.tidyAfter = Objects.requireNonNull(keepAfterReading, "keepAfterReading");
            this.tidyCleanup = Objects.requireNonNull(cleanup, "cleanup");
            return this;
        }

        /**
         * Each device connects from its own loopback address, as five devices in an office come from five addresses:
         * the Mac from 127.0.0.2, the MacBook .3, the iPhone .4, the iPad .5, the PC .6 (Linux routes all of 127/8
         * to the loopback). Off by default: GreenMail and other platforms may not accept them.
         */
        public Builder distinctAddresses() {
            this.distinctAddresses = true;
            return this;
        }

        /** Builds the office; nothing connects or runs until a device is asked to. */
        public SimulatedOffice build() {
            return new SimulatedOffice(this);
        }
    }
}
