package io.vanishwatch.collector.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DescriptionStoreTest {

    private static final int SMALL_SEGMENTS = 17; // 128 KiB

    @TempDir
    Path dir;

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void descriptionsAreReadBackByHandleAndUndescribedIsHandleZero() {
        try (DescriptionStore store = new DescriptionStore(dir, SMALL_SEGMENTS)) {
            int a = store.add(bytes("first"));
            int b = store.add(bytes("second, longer"));
            int empty = store.add(new byte[0]);

            assertThat(store.read(DescriptionStore.UNDESCRIBED)).isEqualTo(PackedSummary.UNDESCRIBED);
            assertThat(store.add(PackedSummary.UNDESCRIBED)).isEqualTo(DescriptionStore.UNDESCRIBED);
            assertThat(store.read(a)).isEqualTo(bytes("first"));
            assertThat(store.read(b)).isEqualTo(bytes("second, longer"));
            assertThat(store.read(empty)).isEmpty();
            assertThat(store.length(b)).isEqualTo(14);
            assertThat(store.liveEntries()).isEqualTo(3);
            assertThat(store.liveBytes()).isEqualTo(8 + 16 + 8); // 2 + 5, 2 + 14, 2 + 0: rounded up to 8
        }
    }

    @Test
    void sizeClassesAreMultiplesOfEightThenPowersOfTwo() {
        assertThat(DescriptionStore.slotSize(DescriptionStore.sizeClass(2))).isEqualTo(8);
        assertThat(DescriptionStore.slotSize(DescriptionStore.sizeClass(9))).isEqualTo(16);
        assertThat(DescriptionStore.slotSize(DescriptionStore.sizeClass(182))).isEqualTo(184);
        assertThat(DescriptionStore.slotSize(DescriptionStore.sizeClass(2048))).isEqualTo(2048);
        assertThat(DescriptionStore.slotSize(DescriptionStore.sizeClass(2049))).isEqualTo(4096);
        assertThat(DescriptionStore.slotSize(DescriptionStore.sizeClass(4097))).isEqualTo(8192);
        assertThat(DescriptionStore.slotSize(DescriptionStore.sizeClass(2 + DescriptionStore.MAX_DESCRIPTION)))
                .isEqualTo(65536);
    }

    @Test
    void equalBytesUnderTwoHandlesAreTheSame() {
        try (DescriptionStore store = new DescriptionStore(dir, SMALL_SEGMENTS)) {
            int a = store.add(bytes("same"));
            int b = store.add(bytes("same"));
            int c = store.add(bytes("sane"));
            int d = store.add(bytes("same, but longer"));

            assertThat(a).isNotEqualTo(b);
            assertThat(store.same(a, b)).isTrue();
            assertThat(store.same(a, a)).isTrue();
            assertThat(store.same(a, c)).isFalse();
            assertThat(store.same(a, d)).isFalse();
        }
    }

    @Test
    void slotsNeverStraddleSegmentsAndReadBackAcrossMany() {
        try (DescriptionStore store = new DescriptionStore(dir, SMALL_SEGMENTS)) {
            List<Integer> handles = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                handles.add(store.add(bytes("description " + i + " " + "x".repeat(i % 300))));
            }
            byte[] big = new byte[60_000];
            big[59_999] = 7;
            int bigHandle = store.add(big);

            assertThat(store.segments()).isGreaterThan(5);
            for (int i = 0; i < handles.size(); i++) {
                assertThat(store.read(handles.get(i))).isEqualTo(bytes("description " + i + " " + "x".repeat(i % 300)));
            }
            assertThat(store.read(bigHandle)).isEqualTo(big);
            assertThatThrownBy(() -> store.add(new byte[70_000])).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aReleasedSlotIsTakenAgainBeforeTheStoreGrows() {
        try (DescriptionStore store = new DescriptionStore(dir, SMALL_SEGMENTS)) {
            int a = store.add(bytes("x".repeat(100)));
            int b = store.add(bytes("y".repeat(100)));
            long grown = store.grownBytes();

            store.release(a);
            assertThat(store.liveBytes()).isEqualTo(104);
            assertThat(store.freeBytes()).isEqualTo(104);

            int c = store.add(bytes("z".repeat(98))); // the same size class: a's slot
            assertThat(c).isEqualTo(a);
            assertThat(store.read(c)).isEqualTo(bytes("z".repeat(98)));
            assertThat(store.read(b)).isEqualTo(bytes("y".repeat(100)));
            assertThat(store.grownBytes()).isEqualTo(grown);
            assertThat(store.freeBytes()).isZero();

            store.release(b);
            int d = store.add(bytes("w".repeat(10))); // another class: grows
            assertThat(d).isNotEqualTo(b);
            assertThat(store.grownBytes()).isGreaterThan(grown);
        }
    }

    @Test
    void churnKeepsTheStoreAtThePeakItHeldNotAtEverythingEverAdded() {
        try (DescriptionStore store = new DescriptionStore(dir, SMALL_SEGMENTS)) {
            Random random = new Random(7);
            int[] held = new int[2_000];
            String[] texts = new String[held.length];
            for (int i = 0; i < held.length; i++) {
                texts[i] = String.format("message %06d ", i) + "s".repeat(120 + random.nextInt(120));
                held[i] = store.add(bytes(texts[i]));
            }
            long grownAtFirst = store.grownBytes();
            for (int round = 0; round < 50_000; round++) { // 25 times the messages held: removal, then an arrival
                int i = random.nextInt(held.length);
                store.release(held[i]);
                texts[i] = String.format("arrival %06d ", round) + "s".repeat(120 + random.nextInt(120));
                held[i] = store.add(bytes(texts[i]));
            }

            assertThat(store.liveEntries()).isEqualTo(held.length);
            assertThat(store.grownBytes()).isLessThan(grownAtFirst * 3 / 2);
            for (int i = 0; i < held.length; i++) {
                assertThat(store.read(held[i])).isEqualTo(bytes(texts[i]));
            }
            assertThat(store.doubleReleases()).isZero();
        }
    }

    @Test
    void aReleasedHandleIsNeitherReadNorReleasedAgain() {
        try (DescriptionStore store = new DescriptionStore(dir, SMALL_SEGMENTS)) {
            int a = store.add(bytes("12345"));
            int b = store.add(bytes("1234567890"));
            store.release(a);
            store.release(DescriptionStore.UNDESCRIBED);

            assertThatThrownBy(() -> store.read(a)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("released");
            assertThatThrownBy(() -> store.same(a, b)).isInstanceOf(IllegalStateException.class);
            store.release(a);
            assertThat(store.doubleReleases()).isEqualTo(1);
            assertThat(store.liveEntries()).isEqualTo(1);
            assertThat(store.read(DescriptionStore.UNDESCRIBED)).isEqualTo(PackedSummary.UNDESCRIBED);

            // released twice, still taken once only
            int c = store.add(bytes("abcde"));
            int d = store.add(bytes("fghij"));
            assertThat(c).isEqualTo(a);
            assertThat(d).isNotEqualTo(a);
        }
    }

    @Test
    void concurrentAddsAndReleasesKeepEveryDescription() throws Exception {
        try (DescriptionStore store = new DescriptionStore(dir, SMALL_SEGMENTS)) {
            ExecutorService threads = Executors.newFixedThreadPool(8);
            try {
                List<Future<int[]>> added = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    added.add(threads.submit(() -> {
                        int[] handles = new int[2_000];
                        for (int i = 0; i < handles.length; i++) {
                            handles[i] = store.add(bytes("thread " + thread + " message " + i));
                            if (i % 2 == 1) {
                                store.release(handles[i - 1]); // every other one given back: others take its slot
                                handles[i - 1] = store.add(bytes("thread " + thread + " again " + (i - 1)));
                            }
                        }
                        return handles;
                    }));
                }
                for (int t = 0; t < 8; t++) {
                    int[] handles = added.get(t).get();
                    for (int i = 0; i < handles.length; i++) {
                        assertThat(store.read(handles[i])).isEqualTo(
                                bytes("thread " + t + (i % 2 == 0 ? " again " : " message ") + i));
                    }
                }
                assertThat(store.liveEntries()).isEqualTo(8 * 2_000);
                assertThat(store.doubleReleases()).isZero();
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @Test
    void leavesNoFilesBehind() throws Exception {
        DescriptionStore store = new DescriptionStore(dir, SMALL_SEGMENTS);
        store.add(bytes("x".repeat(60_000)));
        store.add(bytes("y".repeat(60_000)));
        assertThat(store.segments()).isEqualTo(2);
        assertThat(store.directory().getParent()).isEqualTo(dir);
        try (var files = Files.list(store.directory())) {
            assertThat(files).isEmpty(); // unlinked once mapped
        }
        store.close();
        assertThat(store.directory()).doesNotExist();
    }
}
