package io.vanishwatch.collector.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class DescriptionStoreTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void descriptionsAreReadBackByHandleAndUndescribedIsHandleZero() {
        try (DescriptionStore store = new DescriptionStore(null, 16)) {
            int a = store.append(bytes("first"));
            int b = store.append(bytes("second, longer"));
            int empty = store.append(new byte[0]);

            assertThat(store.read(DescriptionStore.UNDESCRIBED)).isEqualTo(PackedSummary.UNDESCRIBED);
            assertThat(store.append(PackedSummary.UNDESCRIBED)).isEqualTo(DescriptionStore.UNDESCRIBED);
            assertThat(store.read(a)).isEqualTo(bytes("first"));
            assertThat(store.read(b)).isEqualTo(bytes("second, longer"));
            assertThat(store.read(empty)).isEmpty();
            assertThat(store.length(b)).isEqualTo(14);
            assertThat(store.entries()).isEqualTo(4);
            assertThat(store.appendedBytes() % 4).isZero();
        }
    }

    @Test
    void equalBytesUnderTwoHandlesAreTheSame() {
        try (DescriptionStore store = new DescriptionStore(null, 16)) {
            int a = store.append(bytes("same"));
            int b = store.append(bytes("same"));
            int c = store.append(bytes("sane"));
            int d = store.append(bytes("same, but longer"));

            assertThat(a).isNotEqualTo(b);
            assertThat(store.same(a, b)).isTrue();
            assertThat(store.same(a, a)).isTrue();
            assertThat(store.same(a, c)).isFalse();
            assertThat(store.same(a, d)).isFalse();
        }
    }

    @Test
    void entriesNeverStraddleSegmentsAndReadBackAcrossMany() {
        try (DescriptionStore store = new DescriptionStore(null, 16)) { // 64 KiB segments
            List<Integer> handles = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                handles.add(store.append(bytes("description " + i + " " + "x".repeat(i % 300))));
            }
            byte[] big = new byte[60_000];
            big[59_999] = 7;
            int bigHandle = store.append(big);

            assertThat(store.segments()).isGreaterThan(10);
            for (int i = 0; i < handles.size(); i++) {
                assertThat(store.read(handles.get(i))).isEqualTo(bytes("description " + i + " " + "x".repeat(i % 300)));
            }
            assertThat(store.read(bigHandle)).isEqualTo(big);
            assertThatThrownBy(() -> store.append(new byte[70_000])).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void concurrentAppendsKeepEveryDescription() throws Exception {
        try (DescriptionStore store = new DescriptionStore(null, 16)) {
            ExecutorService threads = Executors.newFixedThreadPool(8);
            try {
                List<Future<int[]>> appended = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    appended.add(threads.submit(() -> {
                        int[] handles = new int[2_000];
                        for (int i = 0; i < handles.length; i++) {
                            handles[i] = store.append(bytes("thread " + thread + " message " + i));
                        }
                        return handles;
                    }));
                }
                for (int t = 0; t < 8; t++) {
                    int[] handles = appended.get(t).get();
                    for (int i = 0; i < handles.length; i++) {
                        assertThat(store.read(handles[i])).isEqualTo(bytes("thread " + t + " message " + i));
                    }
                }
                assertThat(store.entries()).isEqualTo(1 + 8 * 2_000);
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @Test
    void releasedEntriesLeaveTheLiveBytesButNotTheAppendedOnes() {
        try (DescriptionStore store = new DescriptionStore(null, 16)) {
            long start = store.appendedBytes();
            int a = store.append(bytes("12345")); // 2 + 5 bytes, padded to 8
            int b = store.append(bytes("1234567890")); // 2 + 10, 12
            assertThat(store.liveBytes()).isEqualTo(20);
            assertThat(store.appendedBytes() - start).isEqualTo(20);

            store.release(a);
            store.release(DescriptionStore.UNDESCRIBED);

            assertThat(store.liveBytes()).isEqualTo(12);
            assertThat(store.liveBytes(0)).isEqualTo(12);
            assertThat(store.appendedBytes() - start).isEqualTo(20);
            assertThat(store.read(b)).isEqualTo(bytes("1234567890"));
            store.release(b);
            store.release(b);
            assertThat(store.liveBytes()).isZero();
            assertThat(store.overReleases()).isEqualTo(1);
        }
    }

    @Test
    void leavesNoFilesBehind() throws Exception {
        DescriptionStore store = new DescriptionStore(null, 16);
        store.append(bytes("x".repeat(40_000)));
        store.append(bytes("y".repeat(40_000)));
        try (var files = Files.list(store.directory())) {
            assertThat(files).isEmpty(); // unlinked once mapped
        }
        store.close();
        assertThat(store.directory()).doesNotExist();
    }
}
