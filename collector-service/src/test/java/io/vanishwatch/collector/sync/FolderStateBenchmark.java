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
        List<FolderSnapshot> snapshots = new ArrayList<>();
        for (int f = 0; f < FOLDERS; f++) {
            snapshots.add(snapshot(new Random(f)));
        }
        long withSnapshots = heapAfterGc();
        List<FolderState> states = new ArrayList<>();
        for (int f = 0; f < FOLDERS; f++) {
            Map<Long, MessageSummary> described = describe(f);
            SyncContext context = new SyncContext("office", "INBOX-" + f, FolderRole.INBOX, NOW, DetectedBy.RESYNC);
            states.add(FolderSync.synchronise(null, snapshots.get(f), described, context).state());
        }
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
        System.out.printf("benchmark folder state: kept %d messages (last UID %d)%n",
                states.stream().mapToLong(s -> s.messages().size()).sum(), states.get(0).highestUid());
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
