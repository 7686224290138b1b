package io.vanishwatch.analyzer.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.MessageSummary;
import io.vanishwatch.events.Verdict;

/**
 * A day-to-day office's mailbox events, in event-time order, for the benchmark: every account gets a new message every
 * ten minutes; most are read twenty minutes later; two hours after arrival some of the read ones are filed in Archive,
 * deleted to Trash or expunged — normal use, which raises nothing — and now and then a watch loses its server for ten
 * minutes (a blind watch: the only alerts of the run).
 */
final class MailboxTraffic {

    static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    static final long UID_VALIDITY = 1700000000L;
    static final List<String> OTHER_FOLDERS = List.of("Archive", "Junk", "Sent", "Trash");

    private static final Duration SLOT = Duration.ofMinutes(10);
    /** Messages are read two slots (20 min) and removed twelve slots (2 h) after they arrive. */
    private static final int READ_AFTER = 2;
    private static final int REMOVED_AFTER = 12;
    private static final Set<String> READ = Set.of(MailboxEvent.SEEN);

    private final int accounts;

    MailboxTraffic(int accounts) {
        this.accounts = accounts;
    }

    static String account(int a) {
        return String.format("office-%04d@bench.example", a);
    }

    /** Hands exactly {@code total} events, in event-time order, to {@code sink}; returns the event-time span. */
    Duration generate(long total, Consumer<MailboxEvent> sink) {
        long emitted = 0;
        Instant last = START;
        for (int slot = 0; ; slot++) {
            for (int a = 0; a < accounts; a++) {
                for (MailboxEvent event : slot(slot, a)) {
                    if (emitted == total) {
                        return Duration.between(START, last);
                    }
                    sink.accept(event);
                    last = event.observedAt();
                    emitted++;
                }
            }
        }
    }

    /** The events of one account in one slot, in time order. */
    private List<MailboxEvent> slot(int slot, int a) {
        String account = account(a);
        // the accounts' slots are staggered by 300 ms, so the whole input is in event-time order
        Instant t = START.plus(SLOT.multipliedBy(slot)).plusMillis(300L * a);
        List<MailboxEvent> events = new ArrayList<>(5);
        if (slot == 0) {
            events.add(watch(account, MailboxEvent.WatchState.CONNECTED, t));
        }
        events.add(message(MailboxEvent.Type.ARRIVED, account, slot, Set.of(), t.plusMillis(1)));
        int read = slot - READ_AFTER;
        if (read >= 0 && isRead(read, a)) {
            events.add(message(MailboxEvent.Type.FLAGS_CHANGED, account, read, READ, t.plusMillis(2)));
        }
        int removed = slot - REMOVED_AFTER;
        if (removed >= 0 && isRead(removed, a)) {
            Instant at = t.plusMillis(3);
            int fate = Math.floorMod(removed * 31 + a * 17, 100);
            if (fate < 30) {
                events.add(removed(account, removed, at, Verdict.inFolder("Archive", FolderRole.ARCHIVE,
                        100_000L + removed, at, OTHER_FOLDERS)));
            } else if (fate < 40) {
                events.add(removed(account, removed, at, Verdict.inFolder("Trash", FolderRole.TRASH,
                        200_000L + removed, at, OTHER_FOLDERS)));
            } else if (fate < 45) {
                events.add(removed(account, removed, at, Verdict.inNoFolder(at, OTHER_FOLDERS)));
            }
        }
        // about one watch in 700 per slot loses its server until the next slot (beyond the 2 min grace period)
        int blip = Math.floorMod(slot * 7919 + a * 104729, 700);
        if (slot > 0 && blip == 0) {
            events.add(watch(account, MailboxEvent.WatchState.UNREACHABLE, t.plusMillis(4)));
        } else if (slot > 1 && Math.floorMod((slot - 1) * 7919 + a * 104729, 700) == 0) {
            events.add(watch(account, MailboxEvent.WatchState.CONNECTED, t.plusMillis(4)));
        }
        return events;
    }

    /** Nine messages in ten are read. */
    private static boolean isRead(int slot, int a) {
        return Math.floorMod(slot * 13 + a * 7, 10) != 0;
    }

    private static MailboxEvent message(MailboxEvent.Type type, String account, int n, Set<String> flags, Instant at) {
        return MailboxEvent.message(type, account, "INBOX", FolderRole.INBOX, UID_VALIDITY, n + 1L,
                summary(account, n, flags), at, MailboxEvent.DetectedBy.IDLE, null);
    }

    private static MailboxEvent removed(String account, int n, Instant at, Verdict verdict) {
        return MailboxEvent.removed(account, "INBOX", FolderRole.INBOX, UID_VALIDITY, n + 1L,
                summary(account, n, READ), at, MailboxEvent.DetectedBy.IDLE, null, verdict);
    }

    static MessageSummary summary(String account, int n, Set<String> flags) {
        int sender = Math.floorMod(account.hashCode() + n, 40);
        return new MessageSummary("<" + n + "." + account.hashCode() + "@sender" + sender + ".example>",
                "news@sender" + sender + ".example", "Order confirmation no. " + n + " for your account",
                8_000 + (n % 50) * 1_000, START.plus(SLOT.multipliedBy(n)), flags);
    }

    static MailboxEvent watch(String account, MailboxEvent.WatchState state, Instant at) {
        return MailboxEvent.watchState(account, "INBOX", FolderRole.INBOX, state,
                state == MailboxEvent.WatchState.CONNECTED ? null : "connect timed out", at);
    }
}
