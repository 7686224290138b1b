package io.vanishwatch.collector.sync;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MailboxEvent.DetectedBy;
import io.vanishwatch.events.MessageSummary;

/**
 * Not a test (its name keeps it out of {@code mvn verify}): heap bytes per message of the collector's folder states,
 * built as the first sync of a folder builds them (a baseline from a FLAGS snapshot and the described envelopes), and
 * of the FLAGS snapshot a sync holds while it runs. See docs/benchmarks.md.
 */
class FolderStateBenchmark {

    private static final int MESSAGES = Integer.getInteger("benchmark.messages", 100_000);
    private static final int FOLDERS = Integer.getInteger("benchmark.folders", 1);
    private static final int THREADS = Integer.getInteger("benchmark.threads", 1);
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final String[] WORDS = {"invoice", "order", "delivery", "question", "about", "your", "account",
        "meeting", "tomorrow", "support", "ticket", "update", "password", "reset", "newsletter", "November", "offer",
        "request", "printer", "broken", "urgent", "please", "call", "back", "contract", "renewal", "report", "weekly"};
    private static final String[] LATIN = {"Rechnung", "Bestätigung", "Änderung", "Grüße", "réunion", "déjà", "reçu",
        "Überweisung", "Straße", "año", "façade", "naïve"};
    private static final String[] JAPANESE = {"請求書", "会議", "お問い合わせ", "ご確認", "配送", "更新", "重要"};
    private static final String[] DOMAINS = {"example.org", "mail.example.com", "kunde.example.de", "shop.example.net",
        "notifications.example.io"};

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    @Test
    void heapPerMessageOfFolderStates() throws Exception {
        System.out.printf("benchmark folder state: %d folder(s) of %d messages, %s %s, max heap %d MiB%n", FOLDERS,
                MESSAGES, System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        long baseline = heapAfterGc();
        DescriptionStore store = DescriptionStore.shared();
        long storeBefore = store.grownBytes();
        String rssBefore = rss();
        List<FolderSnapshot> snapshots = new ArrayList<>();
        for (int f = 0; f < FOLDERS; f++) {
            snapshots.add(snapshot(new Random(f)));
        }
        long withSnapshots = heapAfterGc();
        List<FolderState> states = new ArrayList<>();
        long buildNanos = 0;
        long wallStart = System.nanoTime();
        if (THREADS == 1) {
            for (int f = 0; f < FOLDERS; f++) {
                Map<Long, MessageSummary> described = describe(f);
                SyncContext context = new SyncContext("office", "INBOX-" + f, FolderRole.INBOX, NOW, DetectedBy.RESYNC);
                long start = System.nanoTime();
                states.add(FolderSync.synchronise(null, snapshots.get(f), described, context).state());
                buildNanos += System.nanoTime() - start;
            }
        } else {
            // as many watch threads would: each builds its own folders, all appending at once
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(THREADS);
            List<java.util.concurrent.Future<FolderState>> built = new ArrayList<>();
            java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
            for (int f = 0; f < FOLDERS; f++) {
                int folder = f;
                built.add(pool.submit(() -> {
                    Map<Long, MessageSummary> described = describe(folder);
                    SyncContext context = new SyncContext("office", "INBOX-" + folder, FolderRole.INBOX, NOW,
                            DetectedBy.RESYNC);
                    long start = System.nanoTime();
                    FolderState state = FolderSync.synchronise(null, snapshots.get(folder), described, context).state();
                    nanos.addAndGet(System.nanoTime() - start);
                    return state;
                }));
            }
            for (java.util.concurrent.Future<FolderState> state : built) {
                states.add(state.get());
            }
            pool.shutdown();
            buildNanos = nanos.get();
        }
        long wallNanos = System.nanoTime() - wallStart;
        System.out.printf("benchmark folder state: %d thread(s): generating envelopes and building all states took "
                + "%.0f ms wall time%n", THREADS, wallNanos / 1e6);
        snapshots.clear();
        long withStates = heapAfterGc();
        long messages = (long) FOLDERS * MESSAGES;
        double snapshotBytes = (double) (withSnapshots - baseline) / messages;
        double stateBytes = (double) (withStates - baseline) / messages;
        System.out.printf("benchmark folder state: FLAGS snapshot %.1f bytes/message (%.1f MiB)%n", snapshotBytes,
                (withSnapshots - baseline) / 1048576.0);
        System.out.printf("benchmark folder state: folder state %.1f bytes/message (%.1f MiB for %d messages); "
                        + "1,000 accounts x 3 folders x 10,000 messages would take %.0f MiB%n", stateBytes,
                (withStates - baseline) / 1048576.0, messages, stateBytes * 30_000_000 / 1048576.0);
        System.out.printf("benchmark folder state: building the states (FolderSync.synchronise, summed over threads) took %.0f ms, "
                + "%.2f us/message%n", buildNanos / 1e6, buildNanos / 1e3 / messages);
        for (int pass = 1; pass <= 2; pass++) {
            long start = System.nanoTime();
            long characters = 0;
            for (FolderState state : states) {
                for (MessageSummary summary : state.messages().values()) {
                    characters += summary.subject().length() + summary.from().length() + summary.messageId().length();
                }
            }
            long nanos = System.nanoTime() - start;
            System.out.printf("benchmark folder state: reading every summary back (pass %d) took %.0f ms, "
                    + "%.2f us/message (%d characters)%n", pass, nanos / 1e6, nanos / 1e3 / messages, characters);
        }
        long storeBytes = store.grownBytes() - storeBefore;
        System.out.printf("benchmark folder state: description store %.1f bytes/message (%.1f MiB grown, %d "
                        + "segment(s) of 64 MiB mapped, slots held %.1f bytes/message); 30,000,000 messages "
                        + "would take %.0f MiB of store%n", (double) storeBytes / messages, storeBytes / 1048576.0,
                store.segments(), (double) store.liveBytes() / messages,
                (double) storeBytes / messages * 30_000_000 / 1048576.0);
        System.out.printf("benchmark folder state: process memory before: %s; after: %s%n", rssBefore, rss());
        churn(states.get(0), store);
        System.out.printf("benchmark folder state: kept %d messages (last UID %d)%n",
                states.stream().mapToLong(s -> s.messages().size()).sum(), states.get(0).highestUid());
    }

    /**
     * Syncs of folder 0 in which 1 % of its messages went and as many arrived: how far the store grows when removed
     * messages' slots are released and taken again, against the bytes the folder's messages still use.
     */
    private static void churn(FolderState state, DescriptionStore store) {
        int rounds = Integer.getInteger("benchmark.churn-rounds", 10);
        Random random = new Random(42);
        long appendedBefore = store.grownBytes();
        long liveBefore = store.liveBytes();
        long folderBefore = liveOf(state.messages(), store);
        long removed = 0;
        long nanos = 0;
        for (int round = 0; round < rounds; round++) {
            TreeMap<Long, Set<String>> flags = new TreeMap<>();
            KnownMessages known = state.messages();
            known.forEachUid(uid -> flags.put(uid, known.flags(uid)));
            List<Long> uids = new ArrayList<>(flags.keySet());
            int changes = Math.max(1, uids.size() / 100);
            for (int i = 0; i < changes; i++) {
                if (flags.remove(uids.get(random.nextInt(uids.size()))) != null) {
                    removed++;
                }
            }
            Map<Long, MessageSummary> described = new HashMap<>();
            long uid = state.highestUid();
            for (int i = 0; i < changes; i++) {
                uid += 1;
                flags.put(uid, Set.of());
                described.put(uid, message(random, 1_000_000 * (round + 1) + i));
            }
            FolderSnapshot now = FolderSnapshot.of(new FolderStatus(1_700_000_000L, uid + 1, flags.size(), -1, -1),
                    flags);
            SyncContext context = new SyncContext("office", "INBOX-0", FolderRole.INBOX, NOW, DetectedBy.IDLE);
            long start = System.nanoTime();
            FolderState next = FolderSync.synchronise(state, now, described, context).state();
            nanos += System.nanoTime() - start;
            KnownMessages.releaseDropped(state.messages(), next.messages()); // as the watch's commit does
            state = next;
        }
        long live = 0;
        KnownMessages messages = state.messages();
        for (int i = 0; i < messages.size(); i++) {
            live += DescriptionStore.slotSize(DescriptionStore.sizeClass(2 + store.length(messages.handleAt(i))));
        }
        long grown = store.grownBytes() - appendedBefore;
        System.out.printf("benchmark folder state: churn: the store's live bytes changed by %+d bytes (released on "
                + "each commit), the folder's own by %+d bytes; %d double releases; %.1f KiB free to take again%n",
                store.liveBytes() - liveBefore, liveOf(state.messages(), store) - folderBefore, store.doubleReleases(),
                store.freeBytes() / 1024.0);
        System.out.printf("benchmark folder state: churn of folder 0, %d syncs each removing and adding 1 %%: %d "
                        + "removed, store grew %.1f KiB (%.1f bytes per removal+arrival); its %d messages now use %.1f MiB "
                        + "of the store, %.1f bytes/message; sync took %.1f ms on average%n", rounds, removed,
                grown / 1024.0, (double) grown / removed, messages.size(), live / 1048576.0,
                (double) live / messages.size(), nanos / 1e6 / rounds);
    }

    /** The store's bytes the descriptions of {@code messages} take, with their lengths and padding. */
    private static long liveOf(KnownMessages messages, DescriptionStore store) {
        long live = 0;
        for (int i = 0; i < messages.size(); i++) {
            live += messages.handleAt(i) == DescriptionStore.UNDESCRIBED ? 0
                    : DescriptionStore.slotSize(DescriptionStore.sizeClass(2 + store.length(messages.handleAt(i))));
        }
        return live;
    }

    /** VmRSS, RssAnon and RssFile of this process (Linux), to see where the descriptions went. */
    private static String rss() {
        try {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("VmRSS") || line.startsWith("RssAnon") || line.startsWith("RssFile"))
                    .map(line -> line.replaceAll("\\s+", " ")).reduce((a, b) -> a + ", " + b).orElse("?");
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    /** {@code UID FETCH 1:* (FLAGS)} of a folder: UIDs with gaps (expunged messages), a handful of flag mixes. */
    private static FolderSnapshot snapshot(Random random) {
        TreeMap<Long, Set<String>> flags = new TreeMap<>();
        long uid = 1;
        for (int i = 0; i < MESSAGES; i++) {
            uid += 1 + (random.nextInt(10) == 0 ? random.nextInt(5) : 0);
            flags.put(uid, flags(random));
        }
        return FolderSnapshot.of(new FolderStatus(1_700_000_000L, uid + 1, MESSAGES, -1, -1), flags);
    }

    /** As Angus Mail parses FLAGS: system flags as the watcher's constants, each keyword a new string. */
    private static Set<String> flags(Random random) {
        int mix = random.nextInt(100);
        TreeSet<String> flags = new TreeSet<>();
        if (mix < 80) {
            flags.add("\\Seen");
        }
        if (mix < 12) {
            flags.add("\\Answered");
        }
        if (mix >= 80 && mix < 86) {
            flags.add(new String("$Junk"));
        }
        if (mix >= 86 && mix < 89) {
            flags.add(new String("$NotJunk"));
            flags.add("\\Flagged");
        }
        return flags;
    }

    /** The envelopes of folder {@code f}: the UIDs of {@code snapshot(new Random(f))}, the rest from its own seed. */
    private static Map<Long, MessageSummary> describe(int f) {
        Random sameUids = new Random(f);
        Random content = new Random(1000 + f);
        Map<Long, MessageSummary> described = new HashMap<>();
        long uid = 1;
        for (int i = 0; i < MESSAGES; i++) {
            uid += 1 + (sameUids.nextInt(10) == 0 ? sameUids.nextInt(5) : 0);
            flags(sameUids);
            described.put(uid, message(content, i));
        }
        return described;
    }

    private static MessageSummary message(Random random, int i) {
        String domain = DOMAINS[random.nextInt(DOMAINS.length)];
        String messageId = "<" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36) + "."
                + Integer.toString(i, 36) + "@" + domain + ">";
        int sender = random.nextInt(2_000);
        String from = random.nextInt(4) == 0 ? "sender" + sender + "@" + DOMAINS[sender % DOMAINS.length]
                : "Sender Number " + sender + " <sender" + sender + "@" + DOMAINS[sender % DOMAINS.length] + ">";
        long size = (long) Math.exp(Math.log(2_000) + random.nextDouble() * (Math.log(2_000_000) - Math.log(2_000)));
        Instant internalDate = NOW.minusSeconds(random.nextInt(3 * 365 * 86_400));
        return new MessageSummary(messageId, new String(from), subject(random), size, internalDate, Set.of());
    }

    /** 40 to 120 characters; one in six with Latin accents, one in twenty Japanese. */
    private static String subject(Random random) {
        int length = 40 + random.nextInt(81);
        int kind = random.nextInt(60);
        String[] words = kind < 10 ? LATIN : kind < 13 ? JAPANESE : WORDS;
        StringBuilder subject = new StringBuilder(random.nextInt(3) == 0 ? "Re: " : "");
        while (subject.length() < length) {
            String word = random.nextInt(3) == 0 || words == WORDS ? words[random.nextInt(words.length)]
                    : WORDS[random.nextInt(WORDS.length)];
            subject.append(word).append(words == JAPANESE ? "" : " ");
        }
        return subject.substring(0, length).strip();
    }

    private long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100); // lets the collector's concurrent phases finish; nothing to await
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
