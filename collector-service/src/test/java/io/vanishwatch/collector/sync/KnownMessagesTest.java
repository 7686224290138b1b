package io.vanishwatch.collector.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.vanishwatch.events.MessageSummary;

class KnownMessagesTest {

    private static final Instant T0 = Instant.parse("2026-11-28T09:15:30.250Z");

    private static MessageSummary message(String id, String subject, String... flags) {
        return new MessageSummary("<" + id + "@example.org>", "Anna Müller <anna@example.org>", subject, 48_213, T0,
                Set.of(flags));
    }

    @Test
    void messagesAddedInUidOrderAreReadBackAsTheyWereWithTheirFlags() {
        MessageSummary german = message("a", "Bestätigung Ihrer Änderung", "\\Seen", "$Junk");
        MessageSummary japanese = message("b", "会議の請求書についてのお問い合わせ");
        MessageSummary undescribed = new MessageSummary(null, null, null, 0, null, Set.of("\\Answered"));

        KnownMessages known = KnownMessages.builder(2).add(3, german).add(9, japanese).add(12, undescribed).build();

        assertThat(known).containsExactly(Map.entry(3L, german), Map.entry(9L, japanese), Map.entry(12L, undescribed));
        assertThat(known.get(9L).subject()).isEqualTo("会議の請求書についてのお問い合わせ");
        assertThat(known.flags(3)).containsExactlyInAnyOrder("\\Seen", "$Junk");
        assertThat(known.get(4L)).isNull();
        assertThat(known.flags(4)).isNull();
        assertThat(known.highestUid()).isEqualTo(12);
        assertThat(known).isEqualTo(new TreeMap<>(Map.of(3L, german, 9L, japanese, 12L, undescribed)));
    }

    @Test
    void aUidBelowOrEqualToTheLastAddedOrOutsideImapsRangeIsRefused() {
        KnownMessages.Builder builder = KnownMessages.builder(1).add(5, message("a", "x"));

        assertThatThrownBy(() -> builder.add(5, message("b", "y"))).hasMessageContaining("UID 5 added after UID 5");
        assertThatThrownBy(() -> builder.add(4, message("b", "y"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.add(0x1_0000_0000L, message("b", "y"))).hasMessageContaining("not an IMAP UID");
    }

    @Test
    void uidsAbove2To31KeepTheirUnsignedOrder() {
        KnownMessages known = KnownMessages.builder(3).add(7, message("a", "x"))
                .add(2_147_483_648L, message("b", "y")).add(4_294_967_295L, message("c", "z")).build();

        assertThat(known.keySet()).containsExactly(7L, 2_147_483_648L, 4_294_967_295L);
        assertThat(known.get(4_294_967_295L).messageId()).isEqualTo("<c@example.org>");
        assertThat(known.holds(2_147_483_648L)).isTrue();
        assertThat(known.holds(2_147_483_649L)).isFalse();
        assertThat(known.tailMap(2_000_000_000L).keySet()).containsExactly(2_147_483_648L, 4_294_967_295L);
    }

    @Test
    void aKeptMessageSharesItsDescriptionAndTakesItsNewFlags() {
        KnownMessages before = KnownMessages.builder(2).add(1, message("a", "x")).add(2, message("b", "y")).build();

        KnownMessages after = KnownMessages.builder(2).keep(1, before, Set.of()).keep(2, before, Set.of("\\Seen"))
                .build();

        assertThat(after.sameIn(1, before)).isTrue();
        assertThat(after.sameIn(2, before)).as("flags changed").isFalse();
        assertThat(after.get(2L)).isEqualTo(message("b", "y", "\\Seen"));
        assertThat(after.sameIn(3, before)).as("known by neither").isTrue();
        assertThatThrownBy(() -> KnownMessages.builder(1).keep(3, before, Set.of()))
                .hasMessageContaining("UID 3 is not known");
    }

    @Test
    void subjectAndSenderAreCutToTheLimitWithAnEllipsisAndTheDateKeepsItsMilliseconds() {
        String longSubject = "Ä".repeat(150) + "😀".repeat(100);
        MessageSummary message = new MessageSummary("<x@example.org>", "s".repeat(500) + "@example.org", longSubject,
                10, T0, Set.of());

        MessageSummary kept = KnownMessages.builder(1).add(1, message).build().get(1L);

        // 150 + 24 emoji (48 chars) + "…" = 199: the 25th emoji would need 201
        assertThat(kept.subject()).hasSize(PackedSummary.TEXT_LIMIT - 1).startsWith("Ä".repeat(150)).endsWith("😀…");
        assertThat(kept.subject().codePoints()).doesNotContain((int) '\uFFFD'); // no emoji cut in half
        assertThat(kept.from()).hasSize(PackedSummary.TEXT_LIMIT).endsWith("…");
        assertThat(kept.messageId()).isEqualTo("<x@example.org>");
        assertThat(kept.internalDate()).isEqualTo(T0);
        assertThat(PackedSummary.cut("😀".repeat(150), 200)).hasSize(199).endsWith("😀…");
    }

    @Test
    void theRangesTheSyncAsksForAreViewsOfTheSameMessages() {
        KnownMessages.Builder builder = KnownMessages.builder(0);
        for (long uid = 10; uid <= 50; uid += 10) {
            builder.add(uid, message("m" + uid, "s" + uid));
        }
        KnownMessages known = builder.build();

        assertThat(known.firstKey()).isEqualTo(10);
        assertThat(known.lastKey()).isEqualTo(50);
        assertThat(known.subMap(15L, 40L).keySet()).containsExactly(20L, 30L);
        assertThat(known.headMap(30L).keySet()).containsExactly(10L, 20L);
        assertThat(known.tailMap(30L).keySet()).containsExactly(30L, 40L, 50L);
        assertThat(known.tailMap(30L).headMap(50L).get(40L).subject()).isEqualTo("s40");
        assertThat(known.tailMap(30L).get(20L)).as("outside the view").isNull();
        assertThat(known.subMap(60L, 70L)).isEmpty();
        assertThat(KnownMessages.NONE.highestUid()).isZero();
    }

    @Test
    void aCopyIsFoundByMessageIdOrElseBySizeDateAndSender() {
        MessageSummary withoutId = new MessageSummary(null, "scanner@example.org", "Scan", 9_000, T0, Set.of());
        KnownMessages known = KnownMessages.builder(4).add(1, message("a", "x")).add(2, withoutId)
                .add(3, message("a", "same id, other folder's copy")).add(4, new MessageSummary(null, null, null, 0,
                        null, Set.of())).build();

        assertThat(known.uidsOf(message("a", "anything"))).containsExactly(1, 3);
        assertThat(known.uidsOf(withoutId.withFlags(Set.of("\\Seen")))).containsExactly(2);
        assertThat(known.uidsOf(new MessageSummary(null, "other@example.org", "Scan", 9_000, T0, Set.of()))).isEmpty();
        assertThat(known.uidsOf(new MessageSummary(null, null, null, 0, null, Set.of()))).as("nothing to recognise")
                .isEmpty();
    }

    @Test
    void aMapIsCompactedOnceAndEqualsItsCopy() {
        TreeMap<Long, MessageSummary> map = new TreeMap<>(Map.of(2L, message("b", "y"), 1L, message("a", "x")));

        KnownMessages known = KnownMessages.of(map);

        assertThat(KnownMessages.of(known)).isSameAs(known);
        assertThat(known).isEqualTo(map).isEqualTo(KnownMessages.of(new TreeMap<>(map)));
        assertThat(known.hashCode()).isEqualTo(map.hashCode());
        assertThat(known).isNotEqualTo(KnownMessages.of(Map.of(1L, message("a", "x"))));
    }

    @Test
    void aCommitReleasesTheDescriptionsOfTheMessagesItDroppedAndNoOthers() {
        KnownMessages before = KnownMessages.builder(3).add(1, message("a", "x")).add(2, message("b", "y"))
                .add(3, new MessageSummary(null, null, null, 0, null, Set.of())).build();
        KnownMessages after = KnownMessages.builder(3).keep(1, before, Set.of("\\Seen")).add(4, message("d", "w"))
                .build();
        List<Integer> released = new ArrayList<>();

        KnownMessages.releaseDropped(before, after, released::add); // 2 went; 3 was undescribed: nothing to release
        KnownMessages.releaseDropped(after, after, released::add);
        assertThat(released).containsExactly(before.handleAt(1));
        assertThat(after.get(1L)).isEqualTo(message("a", "x", "\\Seen"));

        released.clear();
        KnownMessages.releaseDropped(after, KnownMessages.NONE, released::add); // the folder went
        assertThat(released).containsExactly(after.handleAt(0), after.handleAt(1));

        released.clear();
        KnownMessages rebuilt = KnownMessages.of(new java.util.TreeMap<>(after)); // same messages, new handles
        KnownMessages.releaseDropped(after, rebuilt, released::add);
        assertThat(released).containsExactly(after.handleAt(0), after.handleAt(1));
    }

    @Test
    void aFoldOfCheckpointRecordsKeepsTheLatestOfEachUidUnderTheFolderUidValidityAndGivesTheRestBack() {
        DescriptionStore store = DescriptionStore.shared();
        long heldBefore = store.liveEntries();
        KnownMessages.Fold fold = KnownMessages.fold();
        fold.put(5, 7, message("five-old", "first"));
        fold.put(3, 7, message("three", "three"));
        fold.put(5, 7, message("five", "changed", "\\Seen"));
        fold.put(4, 7, message("four", "four"));
        fold.remove(4);
        fold.put(9, 6, message("nine", "of the folder's earlier UIDVALIDITY"));
        fold.put(0xFFFF_FFF0L, 7, message("high", "a UID above 2^31"));
        fold.remove(12); // a tombstone of a message never seen here

        KnownMessages known = fold.build(7);

        assertThat(known.keySet()).containsExactly(3L, 5L, 0xFFFF_FFF0L);
        assertThat(known.get(5L)).isEqualTo(message("five", "changed", "\\Seen"));
        assertThat(store.liveEntries() - heldBefore).as("only the kept descriptions are held").isEqualTo(3);
        KnownMessages.releaseDropped(known, KnownMessages.NONE);
        assertThat(store.liveEntries()).isEqualTo(heldBefore);
    }

    @Test
    void aDiscardedFoldGivesEveryDescriptionBack() {
        DescriptionStore store = DescriptionStore.shared();
        long heldBefore = store.liveEntries();
        KnownMessages.Fold fold = KnownMessages.fold();
        for (int uid = 1; uid <= 100; uid++) {
            fold.put(uid, 7, message("m" + uid, "message " + uid));
        }
        assertThat(store.liveEntries() - heldBefore).isEqualTo(100);

        fold.discard();

        assertThat(store.liveEntries()).isEqualTo(heldBefore);
    }
}
