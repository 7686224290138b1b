package io.vanishwatch.collector.sync;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.LongConsumer;

import io.vanishwatch.events.MessageSummary;

/**
 * The messages the watcher knows in one folder, by UID, in little memory: sorted UIDs in an array beside the number
 * of each message's flag combination ({@link FlagSets}), a hash of its identity, and the handle of its description
 * ({@link PackedSummary}: texts cut to what an alert shows) in the off-heap {@link DescriptionStore}. Read-only and
 * immutable, so one sync's state shares a message's handle with the next; a {@link MessageSummary} is built (read
 * from the store) when asked for.
 *
 * <p>16 bytes of heap a message (four ints), where one byte array per description took 210 and a
 * {@code TreeMap<Long, MessageSummary>} 446; the description's ~180 bytes are in the store's mapped files (see
 * docs/benchmarks.md, "Heap per known message").
 */
public final class KnownMessages extends AbstractMap<Long, MessageSummary> implements SortedMap<Long, MessageSummary> {

    /** Where every instance keeps its descriptions: made on first use, after the collector said where. */
    private static final class Store {
        static final DescriptionStore STORE = DescriptionStore.shared();
    }

    /** No messages. */
    public static final KnownMessages NONE = new Builder(0).build();

    /** UIDs are 32-bit unsigned numbers (RFC 3501), kept as ints and read unsigned. */
    private final int[] uids;
    private final int[] flags;
    /** {@link Whereabouts#identity}'s hash code, 0 when there is none: the first, cheap test when looking for a copy. */
    private final int[] identities;
    /** Where each message's {@link PackedSummary} is in the {@link DescriptionStore}, off the heap. */
    private final int[] handles;
    private final int from;
    private final int to;

    private KnownMessages(int[] uids, int[] flags, int[] identities, int[] handles, int from, int to) {
        this.uids = uids;
        this.flags = flags;
        this.identities = identities;
        this.handles = handles;
        this.from = from;
        this.to = to;
    }

    /** These messages, compacted; {@code messages} itself when it already is. */
    public static KnownMessages of(Map<Long, MessageSummary> messages) {
        if (messages instanceof KnownMessages known) {
            return known;
        }
        Builder builder = new Builder(messages.size());
        messages.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> builder.add(e.getKey(), e.getValue()));
        return builder.build();
    }

    public static Builder builder(int expected) {
        return new Builder(expected);
    }

    @Override
    public int size() {
        return to - from;
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof Long uid && indexOf(uid) >= 0;
    }

    public boolean holds(long uid) {
        return indexOf(uid) >= 0;
    }

    @Override
    public MessageSummary get(Object key) {
        if (!(key instanceof Long uid)) {
            return null;
        }
        int index = indexOf(uid);
        return index < 0 ? null : summaryAt(index);
    }

    /** The flags of {@code uid}, or null when it is not known. */
    public Set<String> flags(long uid) {
        int index = indexOf(uid);
        return index < 0 ? null : FlagSets.of(flags[index]);
    }

    /** Whether {@code other} knows {@code uid} as the same message with the same flags as this does. */
    public boolean sameIn(long uid, KnownMessages other) {
        int here = indexOf(uid);
        int there = other.indexOf(uid);
        if (here < 0 || there < 0) {
            return here < 0 && there < 0;
        }
        return flags[here] == other.flags[there] && Store.STORE.same(handles[here], other.handles[there]);
    }

    /** Each UID, ascending, without boxing. */
    public void forEachUid(LongConsumer action) {
        for (int i = from; i < to; i++) {
            action.accept(uidAt(i));
        }
    }

    /** The UIDs holding the message {@code message} is (its {@link Whereabouts#identity}), ascending. */
    public long[] uidsOf(MessageSummary message) {
        Optional<String> identity = Whereabouts.identity(message);
        if (identity.isEmpty()) {
            return new long[0];
        }
        int hash = hash(identity.get());
        long[] found = new long[0];
        for (int i = from; i < to; i++) {
            if (identities[i] == hash && identity.equals(Whereabouts.identity(summaryAt(i)))) {
                found = Arrays.copyOf(found, found.length + 1);
                found[found.length - 1] = uidAt(i);
            }
        }
        return found;
    }

    @Override
    public Comparator<? super Long> comparator() {
        return null;
    }

    @Override
    public Long firstKey() {
        if (isEmpty()) {
            throw new NoSuchElementException();
        }
        return uidAt(from);
    }

    @Override
    public Long lastKey() {
        if (isEmpty()) {
            throw new NoSuchElementException();
        }
        return uidAt(to - 1);
    }

    /** The highest UID known, or 0 when none is. */
    public long highestUid() {
        return isEmpty() ? 0 : uidAt(to - 1);
    }

    @Override
    public KnownMessages subMap(Long fromKey, Long toKey) {
        if (fromKey > toKey) {
            throw new IllegalArgumentException("fromKey > toKey");
        }
        return range(ceiling(fromKey), ceiling(toKey));
    }

    @Override
    public KnownMessages headMap(Long toKey) {
        return range(from, ceiling(toKey));
    }

    @Override
    public KnownMessages tailMap(Long fromKey) {
        return range(ceiling(fromKey), to);
    }

    @Override
    public Set<Entry<Long, MessageSummary>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<Long, MessageSummary>> iterator() {
                return new Iterator<>() {
                    private int next = from;

                    @Override
                    public boolean hasNext() {
                        return next < to;
                    }

                    @Override
                    public Entry<Long, MessageSummary> next() {
                        if (next >= to) {
                            throw new NoSuchElementException();
                        }
                        return new KnownEntry(next++);
                    }
                };
            }

            @Override
            public int size() {
                return to - from;
            }
        };
    }

    @Override
    public boolean equals(Object other) {
        if (other == this) {
            return true;
        }
        if (!(other instanceof KnownMessages known)) {
            return super.equals(other);
        }
        if (size() != known.size()) {
            return false;
        }
        for (int i = from, j = known.from; i < to; i++, j++) {
            if (uids[i] != known.uids[j] || flags[i] != known.flags[j]
                    || !Store.STORE.same(handles[i], known.handles[j])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }

    int indexOf(long uid) {
        if (uid < 0 || uid > 0xFFFF_FFFFL) {
            return -1;
        }
        int found = Arrays.binarySearch(uids, from, to, UidOrder.flip(uid));
        return found < 0 ? -1 : found;
    }

    long uidAt(int index) {
        return UidOrder.unflip(uids[index]);
    }

    int flagsAt(int index) {
        return flags[index];
    }

    /** The {@link DescriptionStore} handle of the message at {@code index} (for measuring the store). */
    int handleAt(int index) {
        return handles[index];
    }

    MessageSummary summaryAt(int index) {
        return PackedSummary.unpack(Store.STORE.read(handles[index]), FlagSets.of(flags[index]));
    }

    /**
     * Releases in the {@link DescriptionStore} the descriptions {@code before} holds and {@code after} does not: the
     * messages gone, and any whose description {@code after} holds under another handle. Call it once a state
     * replacing {@code before} is committed, and only then; {@code after} is {@link #NONE} when the folder is gone.
     */
    public static void releaseDropped(KnownMessages before, KnownMessages after) {
        releaseDropped(before, after, Store.STORE::release);
    }

    static void releaseDropped(KnownMessages before, KnownMessages after, java.util.function.IntConsumer release) {
        if (before == after) {
            return;
        }
        int j = after.from;
        for (int i = before.from; i < before.to; i++) {
            while (j < after.to && Integer.compare(after.uids[j], before.uids[i]) < 0) {
                j++;
            }
            boolean kept = j < after.to && after.uids[j] == before.uids[i] && after.handles[j] == before.handles[i];
            if (!kept && before.handles[i] != DescriptionStore.UNDESCRIBED) {
                release.accept(before.handles[i]);
            }
        }
    }

    /** Where the first UID not below {@code uid} is, or would be. */
    private int ceiling(long uid) {
        if (uid <= 0) {
            return from;
        }
        if (uid > 0xFFFF_FFFFL) {
            return to;
        }
        int found = Arrays.binarySearch(uids, from, to, UidOrder.flip(uid));
        return found >= 0 ? found : -found - 1;
    }

    private KnownMessages range(int start, int end) {
        return new KnownMessages(uids, flags, identities, handles, Math.max(start, from), Math.min(end, to));
    }

    private static int hash(String identity) {
        int hash = identity.hashCode();
        return hash == 0 ? 1 : hash;
    }

    private final class KnownEntry implements Entry<Long, MessageSummary> {
        private final int index;

        KnownEntry(int index) {
            this.index = index;
        }

        @Override
        public Long getKey() {
            return uidAt(index);
        }

        @Override
        public MessageSummary getValue() {
            return summaryAt(index);
        }

        @Override
        public MessageSummary setValue(MessageSummary value) {
            throw new UnsupportedOperationException("known messages are read-only");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Entry<?, ?> entry && getKey().equals(entry.getKey())
                    && Objects.equals(getValue(), entry.getValue());
        }

        @Override
        public int hashCode() {
            return getKey().hashCode() ^ getValue().hashCode();
        }

        @Override
        public String toString() {
            return getKey() + "=" + getValue();
        }
    }

    /** {@link #hash} of the packed message's {@link Whereabouts#identity}, 0 when it has none. */
    private static int identityOf(byte[] packed) {
        return Whereabouts.identity(PackedSummary.unpack(packed, Set.of())).map(KnownMessages::hash).orElse(0);
    }

    /** Puts the packed description in the store. */
    private static int handleOf(byte[] packed) {
        return packed == PackedSummary.UNDESCRIBED ? DescriptionStore.UNDESCRIBED : Store.STORE.add(packed);
    }

    public static Fold fold() {
        return new Fold();
    }

    /**
     * One folder's message checkpoints in the order they are read from the compacted topic — the latest record of a
     * UID wins, a tombstone removes it — folded into known messages without a {@link MessageSummary} per message on
     * the heap: each description goes to the store as it is read, and 20 bytes a record stay until {@link #build}.
     */
    public static final class Fold {
        private static final int TOMBSTONE = -1;
        private int[] uids = new int[16];
        private int[] uidValidities = new int[16];
        private int[] flags = new int[16];
        private int[] identities = new int[16];
        private int[] handles = new int[16];
        private int size;

        private Fold() {
        }

        /** The message {@code uid} held under {@code uidValidity}, as a checkpoint record says. */
        public void put(long uid, long uidValidity, MessageSummary message) {
            byte[] packed = PackedSummary.pack(message);
            append(uid, uidValidity, FlagSets.idOf(message.flags()), identityOf(packed), handleOf(packed));
        }

        /** A tombstone: the message {@code uid} is no longer known. */
        public void remove(long uid) {
            append(uid, 0, TOMBSTONE, 0, DescriptionStore.UNDESCRIBED);
        }

        private void append(long uid, long uidValidity, int flagsId, int identity, int handle) {
            if (size == uids.length) {
                int capacity = size + (size >> 1);
                uids = Arrays.copyOf(uids, capacity);
                uidValidities = Arrays.copyOf(uidValidities, capacity);
                flags = Arrays.copyOf(flags, capacity);
                identities = Arrays.copyOf(identities, capacity);
                handles = Arrays.copyOf(handles, capacity);
            }
            uids[size] = UidOrder.flip(uid);
            uidValidities[size] = (int) uidValidity;
            flags[size] = flagsId;
            identities[size] = identity;
            handles[size] = handle;
            size++;
        }

        /**
         * The messages whose latest record is of {@code uidValidity} (the folder's own checkpoint says which); the
         * descriptions of every other record go back to the store. The fold is spent after this.
         */
        public KnownMessages build(long uidValidity) {
            Builder builder = new Builder(size);
            boolean[] kept = new boolean[size];
            for (int i : UidOrder.latestPerUid(uids, size)) {
                if (flags[i] != TOMBSTONE && uidValidities[i] == (int) uidValidity && uids[i] != UidOrder.flip(0)) {
                    builder.add(UidOrder.unflip(uids[i]), flags[i], identities[i], handles[i]);
                    kept[i] = true;
                }
            }
            for (int i = 0; i < size; i++) {
                if (!kept[i]) {
                    Store.STORE.release(handles[i]);
                }
            }
            size = 0;
            return builder.build();
        }

        /** Gives every description back: the folder has no checkpoint of its own, so none of this is known. */
        public void discard() {
            for (int i = 0; i < size; i++) {
                Store.STORE.release(handles[i]);
            }
            size = 0;
        }
    }

    /** Builds known messages in ascending UID order, sharing what is unchanged with the messages known before. */
    public static final class Builder {
        private int[] uids;
        private int[] flags;
        private int[] identities;
        private int[] handles;
        private int size;

        private Builder(int expected) {
            uids = new int[Math.max(expected, 0)];
            flags = new int[uids.length];
            identities = new int[uids.length];
            handles = new int[uids.length];
        }

        /** Adds {@code message} under {@code uid}, above every UID added so far. */
        public Builder add(long uid, MessageSummary message) {
            byte[] packed = PackedSummary.pack(message);
            return add(uid, FlagSets.idOf(message.flags()), identityOf(packed), handleOf(packed));
        }

        /** Adds the message {@code known} holds under {@code uid} (which it must know), now with {@code newFlags}. */
        public Builder keep(long uid, KnownMessages known, Set<String> newFlags) {
            int index = known.indexOf(uid);
            if (index < 0) {
                throw new IllegalArgumentException("UID " + uid + " is not known");
            }
            return add(uid, FlagSets.idOf(newFlags), known.identities[index], known.handles[index]);
        }

        private Builder add(long uid, int flagsId, int identity, int handle) {
            if (uid <= 0 || uid > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("not an IMAP UID: " + uid);
            }
            if (size > 0 && Integer.compareUnsigned(uids[size - 1] ^ Integer.MIN_VALUE, (int) uid) >= 0) {
                throw new IllegalArgumentException("UID " + uid + " added after UID "
                        + UidOrder.unflip(uids[size - 1]));
            }
            if (size == uids.length) {
                int capacity = Math.max(16, size + (size >> 1));
                uids = Arrays.copyOf(uids, capacity);
                flags = Arrays.copyOf(flags, capacity);
                identities = Arrays.copyOf(identities, capacity);
                handles = Arrays.copyOf(handles, capacity);
            }
            uids[size] = UidOrder.flip(uid);
            flags[size] = flagsId;
            identities[size] = identity;
            handles[size] = handle;
            size++;
            return this;
        }

        public KnownMessages build() {
            if (size < uids.length) {
                uids = Arrays.copyOf(uids, size);
                flags = Arrays.copyOf(flags, size);
                identities = Arrays.copyOf(identities, size);
                handles = Arrays.copyOf(handles, size);
            }
            KnownMessages built = new KnownMessages(uids, flags, identities, handles, 0, size);
            uids = null; // the arrays are the built messages' now: one build per builder
            return built;
        }
    }
}
