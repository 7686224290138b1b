package io.vanishwatch.collector.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FolderSnapshotTest {

    private static final FolderStatus STATUS = new FolderStatus(7, -1, -1, -1, -1);

    private static List<Long> uids(FolderSnapshot snapshot) {
        List<Long> uids = new ArrayList<>();
        snapshot.forEachUid(uids::add);
        return uids;
    }

    @Test
    void uidsComeInAscendingOrderWhateverOrderTheyWereAddedIn() {
        FolderSnapshot snapshot = FolderSnapshot.builder(0)
                .add(5, Set.of()).add(2, Set.of("\\Seen")).add(9, Set.of()).add(1, Set.of())
                .build(STATUS);

        assertThat(uids(snapshot)).containsExactly(1L, 2L, 5L, 9L);
        List<Long> visited = new ArrayList<>();
        snapshot.forEach((uid, flags) -> visited.add(uid));
        assertThat(visited).containsExactly(1L, 2L, 5L, 9L);
        assertThat(snapshot.size()).isEqualTo(4);
        assertThat(snapshot.highestUid()).isEqualTo(9);
    }

    @Test
    void aUidAnsweredTwiceKeepsItsLastFlags() {
        FolderSnapshot snapshot = FolderSnapshot.builder(2)
                .add(1, Set.of()).add(2, Set.of()).add(3, Set.of()).add(2, Set.of("\\Seen"))
                .build(STATUS);

        assertThat(uids(snapshot)).containsExactly(1L, 2L, 3L);
        assertThat(snapshot.flags(2)).containsExactly("\\Seen");
    }

    @Test
    void uidsAbove2To31SortAfterTheLowOnesAndAreFound() {
        long top = 0xFFFF_FFFFL;
        long half = 0x8000_0000L;
        Map<Long, Set<String>> flags = new LinkedHashMap<>();
        flags.put(top, Set.of("\\Flagged"));
        flags.put(half, Set.of("\\Seen"));
        flags.put(half - 1, Set.of());
        flags.put(1L, Set.of());

        FolderSnapshot snapshot = FolderSnapshot.of(STATUS, flags);

        assertThat(uids(snapshot)).containsExactly(1L, half - 1, half, top);
        assertThat(snapshot.highestUid()).isEqualTo(top);
        assertThat(snapshot.holds(half)).isTrue();
        assertThat(snapshot.flags(top)).containsExactly("\\Flagged");
        assertThat(snapshot.flags(half)).containsExactly("\\Seen");
        assertThat(snapshot.holds(half + 1)).isFalse();
        assertThat(snapshot.holds(top + 1)).as("not a UID, though its low 32 bits are UID 0's").isFalse();
        assertThat(snapshot.holds(1L + (1L << 32))).as("low 32 bits are UID 1's").isFalse();
    }

    @Test
    void aNumberOutsideTheUidRangeIsRefused() {
        FolderSnapshot.Builder builder = FolderSnapshot.builder(1);

        assertThatThrownBy(() -> builder.add(0, Set.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.add(1L << 32, Set.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recentIsDroppedAndEveryOtherFlagKept() {
        FolderSnapshot snapshot = FolderSnapshot.of(7, Map.of(
                1L, Set.of("\\Recent"),
                2L, Set.of("\\recent", "\\Seen", "$Junk"),
                3L, Set.of("\\Seen", "\\Answered", "$NotJunk", "\\Flagged")));

        assertThat(snapshot.flags(1)).isEmpty();
        assertThat(snapshot.flags(2)).containsExactlyInAnyOrder("\\Seen", "$Junk");
        assertThat(snapshot.flags(3)).containsExactlyInAnyOrder("\\Seen", "\\Answered", "$NotJunk", "\\Flagged");
        Map<Long, Set<String>> visited = new LinkedHashMap<>();
        snapshot.forEach(visited::put);
        assertThat(visited).containsExactly(
                Map.entry(1L, Set.of()),
                Map.entry(2L, Set.of("\\Seen", "$Junk")),
                Map.entry(3L, Set.of("\\Seen", "\\Answered", "$NotJunk", "\\Flagged")));
    }

    @Test
    void aUidTheFolderDoesNotHoldHasNoFlags() {
        FolderSnapshot snapshot = FolderSnapshot.of(7, Map.of(2L, Set.of("\\Seen")));

        assertThat(snapshot.holds(1)).isFalse();
        assertThat(snapshot.flags(1)).isNull();
        assertThat(snapshot.flags(3)).isNull();
        assertThat(FolderSnapshot.of(7, Map.of()).highestUid()).isZero();
        assertThat(FolderSnapshot.of(7, Map.of()).isEmpty()).isTrue();
    }

    @Test
    void theUnseenAreTheMessagesWithoutSeen() {
        FolderSnapshot snapshot = FolderSnapshot.of(7, Map.of(
                1L, Set.of("\\Seen"),
                2L, Set.of(),
                3L, Set.of("$Junk"),
                4L, Set.of("\\Seen", "\\Answered"),
                5L, Set.of("\\Recent"),
                6L, Set.of("\\Seen")));

        assertThat(snapshot.unseen()).isEqualTo(3);
    }

    @Test
    void anotherStatusKeepsTheMessages() {
        FolderSnapshot snapshot = FolderSnapshot.of(7, Map.of(1L, Set.of("\\Seen"), 2L, Set.of()));
        FolderStatus counted = new FolderStatus(7, 3, 2, 1, 10);

        FolderSnapshot withStatus = snapshot.withStatus(counted);

        assertThat(withStatus.status()).isEqualTo(counted);
        assertThat(uids(withStatus)).containsExactly(1L, 2L);
        assertThat(withStatus.flags(1)).containsExactly("\\Seen");
        assertThat(withStatus).isNotEqualTo(snapshot).isEqualTo(snapshot.withStatus(counted));
    }
}
