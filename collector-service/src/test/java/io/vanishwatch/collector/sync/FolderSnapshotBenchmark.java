package io.vanishwatch.collector.sync;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.junit.jupiter.api.Test;

/**
 * Not a test (its name keeps it out of {@code mvn verify}): heap bytes per message of the answer to
 * {@code UID FETCH 1:* (FLAGS)} that a sync holds while it runs — the {@code TreeMap<Long, Set<String>>} the
 * {@link FolderSnapshot} was until 2026-11-28, the compact one it is now, and, for scale, the FETCH responses Angus
 * Mail parses from which either is built. See docs/benchmarks.md, "Heap per known message".
 */
class FolderSnapshotBenchmark {

    private static final int[] SIZES = {10_000, 100_000};
    private static final int ROUNDS = 3;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    @Test
    void heapPerMessageOfAFlagsSnapshot() throws Exception {
        System.out.printf("benchmark folder snapshot: %s %s, max heap %d MiB, best of %d rounds%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, ROUNDS);
        FolderSnapshot.builder(0).add(1, Set.of()).build(FolderStatus.UNKNOWN); // FlagSets and the classes loaded
        for (int messages : SIZES) {
            List<Set<String>> mix = flagMix(messages);
            System.out.printf("benchmark folder snapshot: %,d messages, %d flag combinations, %.0f %% unseen%n",
                    messages, new HashSet<>(mix).size(), 100.0 * mix.stream().filter(f -> !f.contains("\\Seen")).count()
                            / messages);
            report(messages, "TreeMap<Long, Set<String>> (before)", () -> treeMap(mix));
            report(messages, "FolderSnapshot, int[] UIDs + flag ids (after)", () -> compact(mix));
            byte[] answer = fetchAnswer(mix);
            report(messages, "Angus FetchResponses of UID FETCH 1:* (FLAGS)", () -> responses(answer, messages));
        }
    }

    private interface Structure {
        Object build() throws Exception;
    }

    /** Heap taken by what {@code structure} builds, per message: the least of a few rounds, so a late GC does not count. */
    private void report(int messages, String what, Structure structure) throws Exception {
        long least = Long.MAX_VALUE;
        Object kept = null;
        for (int round = 0; round < ROUNDS; round++) {
            kept = null;
            long before = heapAfterGc();
            kept = structure.build();
            least = Math.min(least, heapAfterGc() - before);
        }
        System.out.printf("benchmark folder snapshot: %,9d messages  %-46s %6.1f bytes/message (%.2f MiB)  [%s]%n",
                messages, what, (double) least / messages, least / 1048576.0, summary(kept));
    }

    private static String summary(Object kept) {
        if (kept instanceof FolderSnapshot snapshot) {
            return snapshot.size() + " UIDs, highest " + snapshot.highestUid();
        }
        if (kept instanceof SortedMap<?, ?> map) {
            return map.size() + " UIDs, highest " + map.lastKey();
        }
        return ((List<?>) kept).size() + " responses";
    }

    /** What FolderSnapshot's constructor made of Angus Mail's flag sets before: a TreeSet of its own per message. */
    private static SortedMap<Long, Set<String>> treeMap(List<Set<String>> mix) {
        TreeMap<Long, Set<String>> flagsByUid = new TreeMap<>();
        long uid = 1;
        for (Set<String> flags : mix) {
            TreeSet<String> kept = new TreeSet<>(parsed(flags));
            kept.removeIf(FolderSnapshot.RECENT::equalsIgnoreCase);
            flagsByUid.put(uid, Collections.unmodifiableSet(kept));
            uid = next(uid);
        }
        return Collections.unmodifiableSortedMap(flagsByUid);
    }

    private static FolderSnapshot compact(List<Set<String>> mix) {
        FolderSnapshot.Builder builder = FolderSnapshot.builder(mix.size());
        long uid = 1;
        for (Set<String> flags : mix) {
            builder.add(uid, parsed(flags));
            uid = next(uid);
        }
        return builder.build(new FolderStatus(1_700_000_000L, uid, mix.size(), -1, -1));
    }

    /** The FETCH responses as Angus Mail reads them off the connection (one buffer per response). */
    private static List<Response> responses(byte[] answer, int messages) throws Exception {
        IMAPProtocol protocol = new IMAPProtocol(new ByteArrayInputStream(answer),
                new PrintStream(new ByteArrayOutputStream()), new Properties(), false);
        List<Response> responses = new ArrayList<>(messages);
        for (int i = 0; i < messages; i++) {
            Response response = protocol.readResponse();
            if (!(response instanceof FetchResponse)) {
                throw new IllegalStateException("not a FETCH response: " + response);
            }
            responses.add(response);
        }
        return responses;
    }

    private static byte[] fetchAnswer(List<Set<String>> mix) {
        StringBuilder answer = new StringBuilder();
        long uid = 1;
        for (int i = 0; i < mix.size(); i++) {
            answer.append("* ").append(i + 1).append(" FETCH (UID ").append(uid).append(" FLAGS (")
                    .append(String.join(" ", mix.get(i))).append("))\r\n");
            uid = next(uid);
        }
        return answer.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** UIDs with gaps, as expunges leave them. */
    private static long next(long uid) {
        return uid + 1 + (uid % 10 == 3 ? uid % 7 : 0);
    }

    /** As Angus Mail hands flags over: a new set per message, each keyword a new string. */
    private static Set<String> parsed(Set<String> flags) {
        Set<String> copy = new TreeSet<>();
        for (String flag : flags) {
            copy.add(flag.startsWith("\\") ? flag : new String(flag));
        }
        return copy;
    }

    /**
     * A mailbox several clients read: 80 % {@code \Seen} (15 % of those also {@code \Answered}, 4 % {@code $Forwarded}),
     * 3 % {@code \Flagged}, {@code $NotJunk} on a quarter (Apple Mail, Thunderbird), {@code $Junk} on 5 %, some
     * {@code \Recent} on the newest.
     */
    private static List<Set<String>> flagMix(int messages) {
        Random random = new Random(messages);
        List<Set<String>> mix = new ArrayList<>(messages);
        for (int i = 0; i < messages; i++) {
            TreeSet<String> flags = new TreeSet<>();
            if (random.nextInt(100) < 80) {
                flags.add("\\Seen");
                if (random.nextInt(100) < 15) {
                    flags.add("\\Answered");
                }
                if (random.nextInt(100) < 4) {
                    flags.add("$Forwarded");
                }
            }
            if (random.nextInt(100) < 3) {
                flags.add("\\Flagged");
            }
            int junk = random.nextInt(100);
            if (junk < 25) {
                flags.add("$NotJunk");
            } else if (junk < 30) {
                flags.add("$Junk");
            }
            if (i >= messages - 20) {
                flags.add("\\Recent");
            }
            mix.add(flags);
        }
        return mix;
    }

    private long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100); // lets the collector's concurrent phases finish; nothing to await
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
