package io.vanishwatch.collector.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.TreeSet;
import java.util.List;

import org.junit.jupiter.api.Test;

class UidSetsTest {

    @Test
    void consecutiveUidsBecomeRanges() {
        assertThat(UidSets.format(new TreeSet<>(List.of(1L, 2L, 3L, 5L, 7L, 8L)))).isEqualTo("1:3,5,7:8");
    }

    @Test
    void manyUidsAreSplitIntoChunks() {
        assertThat(UidSets.format(new TreeSet<>(List.of(1L, 2L, 3L, 4L, 9L)), 2)).containsExactly("1:2", "3:4", "9");
    }
}
