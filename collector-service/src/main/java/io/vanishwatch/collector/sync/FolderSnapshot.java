package io.vanishwatch.collector.sync;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongConsumer;

/**
 * What a folder holds right now, by UID: its status when it was opened and the answer to
 * {@code UID FETCH 1:* (FLAGS)}, in little memory while a sync runs — sorted UIDs in an array beside the number of each
 * message's flag combination ({@link FlagSets}), 8 bytes a message. {@code \Recent} is dropped: it belongs to one
 * session, not to the message.
 */
public final class FolderSnapshot {

    static final String RECENT = "\\Recent";
    private static final String SEEN = "\\Seen";

    private final FolderStatus status;
    /** UIDs are 32-bit unsigned numbers (RFC 3501), kept as ints with the top bit flipped so that they sort signed. */
    private final int[] uids;
    private final int[] flags;

    private FolderSnapshot(FolderStatus status, int[] uids, int[] flags) {
        this.status = status;
        this.uids = uids;
        this.flags = flags;
    }

    /** A snapshot of {@code flagsByUid} with status {@code status}; the UIDs in any order. */
    public static FolderSnapshot of(FolderStatus status, Map<Long, Set<String>> flagsByUid) {
        Builder builder = builder(flagsByUid.size());
        flagsByUid.forEach(builder::add);
        return builder.build(status);
    }

    /** A snapshot of {@code flagsByUid} in a folder whose status tells only its UIDVALIDITY and message count. */
    public static FolderSnapshot of(long uidValidity, Map<Long, Set<String>> flagsByUid) {
        return of(new FolderStatus(uidValidity, -1, flagsByUid.size(), -1, -1), flagsByUid);
    }

    public static Builder builder(int expected) {
        return new Builder(expected);
    }

    public FolderStatus status() {
        return status;
    }

    public long uidValidity() {
        return status.uidValidity();
    }

    /** The same messages with another status. */
    public FolderSnapshot withStatus(FolderStatus status) {
        return new FolderSnapshot(status, uids, flags);
    }

    public int size() {
        return uids.length;
    }

    public boolean isEmpty() {
        return uids.length == 0;
    }

    public boolean holds(long uid) {
        return indexOf(uid) >= 0;
    }

    /** The flags of {@code uid}, or null when the folder does not hold it. */
    public Set<String> flags(long uid) {
        int index = indexOf(uid);
        return index < 0 ? null : FlagSets.of(flags[index]);
    }

    /** The highest UID, or 0 when the folder is empty. */
    public long highestUid() {
        return isEmpty() ? 0 : uidAt(uids.length - 1);
    }

    /** How many messages lack {@code \Seen}. */
    public long unseen() {
        long unseen = 0;
        int id = -1;
        boolean seen = false;
        for (int flagsId : flags) {
            if (flagsId != id) { // runs of one combination are the rule: look each run's flags up once
                id = flagsId;
                seen = FlagSets.of(id).contains(SEEN);
            }
            if (!seen) {
                unseen++;
            }
        }
        return unseen;
    }

    /** Each UID, ascending, without boxing. */
    public void forEachUid(LongConsumer action) {
        for (int uid : uids) {
            action.accept(UidOrder.unflip(uid));
        }
    }

    /** Each UID with its flags, ascending by UID, without boxing. */
    public void forEach(UidFlagsConsumer action) {
        for (int i = 0; i < uids.length; i++) {
            action.accept(uidAt(i), FlagSets.of(flags[i]));
        }
    }

    /** What {@link #forEach} passes each message to. */
    @FunctionalInterface
    public interface UidFlagsConsumer {
        void accept(long uid, Set<String> flags);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FolderSnapshot snapshot && status.equals(snapshot.status)
                && Arrays.equals(uids, snapshot.uids) && Arrays.equals(flags, snapshot.flags);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * status.hashCode() + Arrays.hashCode(uids)) + Arrays.hashCode(flags);
    }

    @Override
    public String toString() {
        return "FolderSnapshot[" + status + ", " + size() + " messages, highest UID " + highestUid() + "]";
    }

    private int indexOf(long uid) {
        if (uid < 0 || uid > 0xFFFF_FFFFL) {
            return -1;
        }
        int found = Arrays.binarySearch(uids, UidOrder.flip(uid));
        return found < 0 ? -1 : found;
    }

    private long uidAt(int index) {
        return UidOrder.unflip(uids[index]);
    }

    /** The number of {@code flags} without {@code \Recent}. */
    private static int idWithoutSessionFlags(Set<String> flags) {
        if (flags == null || flags.isEmpty()) {
            return 0;
        }
        for (String flag : flags) {
            if (RECENT.equalsIgnoreCase(flag)) {
                TreeSet<String> kept = new TreeSet<>(flags);
                kept.removeIf(RECENT::equalsIgnoreCase);
                return FlagSets.idOf(kept);
            }
        }
        return FlagSets.idOf(flags);
    }

    /**
     * Collects the messages of a snapshot as the FETCH responses come: in UID order as servers send them, but a UID
     * out of order or twice (an unsolicited FETCH for a flag change) is taken too, the last answer winning.
     */
    public static final class Builder {
        private int[] uids;
        private int[] flags;
        private int size;
        private boolean ascending = true;

        private Builder(int expected) {
            uids = new int[Math.max(expected, 0)];
            flags = new int[uids.length];
        }

        public Builder add(long uid, Set<String> flagNames) {
            if (uid <= 0 || uid > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("not an IMAP UID: " + uid);
            }
            if (size == uids.length) {
                int capacity = Math.max(16, size + (size >> 1));
                uids = Arrays.copyOf(uids, capacity);
                flags = Arrays.copyOf(flags, capacity);
            }
            int flipped = UidOrder.flip(uid);
            ascending &= size == 0 || uids[size - 1] < flipped;
            uids[size] = flipped;
            flags[size] = idWithoutSessionFlags(flagNames);
            size++;
            return this;
        }

        public FolderSnapshot build(FolderStatus status) {
            if (!ascending) {
                sortKeepingLastAnswer();
            }
            FolderSnapshot built = new FolderSnapshot(status, Arrays.copyOf(uids, size), Arrays.copyOf(flags, size));
            uids = null; // one build per builder
            return built;
        }

        /** Sorts by UID; of a UID added twice, the one added last stays. */
        private void sortKeepingLastAnswer() {
            int[] latest = UidOrder.latestPerUid(uids, size);
            int[] sortedUids = new int[latest.length];
            int[] sortedFlags = new int[latest.length];
            for (int k = 0; k < latest.length; k++) {
                sortedUids[k] = uids[latest[k]];
                sortedFlags[k] = flags[latest[k]];
            }
            uids = sortedUids;
            flags = sortedFlags;
            size = latest.length;
        }
    }
}
