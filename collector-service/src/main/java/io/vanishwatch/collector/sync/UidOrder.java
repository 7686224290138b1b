package io.vanishwatch.collector.sync;

import java.util.Arrays;

/**
 * UIDs kept as ints: 32-bit unsigned numbers (RFC 3501) with the top bit flipped, so that signed order is UID order
 * and {@link Arrays#binarySearch} finds UIDs above 2^31. Shared by {@link KnownMessages} and {@link FolderSnapshot}.
 */
final class UidOrder {

    private UidOrder() {
    }

    static int flip(long uid) {
        return (int) uid ^ Integer.MIN_VALUE;
    }

    static long unflip(int flipped) {
        return Integer.toUnsignedLong(flipped ^ Integer.MIN_VALUE);
    }

    /**
     * The positions among the first {@code size} {@code flipped} UIDs, recorded in any order and some more than once,
     * of the last record of each UID, by ascending UID.
     */
    static int[] latestPerUid(int[] flipped, int size) {
        long[] order = new long[size]; // the UID above, the record's position below: the latest last per UID
        for (int i = 0; i < size; i++) {
            order[i] = (long) flipped[i] << 32 | i;
        }
        Arrays.sort(order);
        int[] latest = new int[size];
        int kept = 0;
        for (int k = 0; k < size; k++) {
            if (k + 1 == size || order[k + 1] >> 32 != order[k] >> 32) {
                latest[kept++] = (int) order[k];
            }
        }
        return Arrays.copyOf(latest, kept);
    }
}
