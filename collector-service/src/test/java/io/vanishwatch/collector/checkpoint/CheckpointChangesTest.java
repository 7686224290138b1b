package io.vanishwatch.collector.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.vanishwatch.collector.sync.FolderState;
import io.vanishwatch.collector.sync.FolderStatus;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.JsonSerde;
import io.vanishwatch.events.MessageSummary;

class CheckpointChangesTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant T1 = T0.plusSeconds(30);

    private static MessageSummary message(String id, String... flags) {
        return new MessageSummary("<" + id + "@x>", "a@x", id, 100, T0, Set.of(flags));
    }

    private static FolderState inbox(long uidValidity, Instant at, Map<Long, MessageSummary> messages) {
        return new FolderState("INBOX", FolderRole.INBOX, new FolderStatus(uidValidity, 10, messages.size(), -1, -1),
                new TreeMap<>(messages), at);
    }

    @Test
    void onlyWhatChangedIsWrittenAndARemovalIsATombstone() {
        Map<String, FolderState> before = Map.of("INBOX", inbox(7, T0, Map.of(1L, message("a"), 2L, message("b"))));
        Map<String, FolderState> after = Map.of("INBOX", inbox(7, T1,
                Map.of(2L, message("b", "\\Seen"), 3L, message("c"))));

        List<CheckpointRecord> records = CheckpointChanges.between("office", before, after);

        assertThat(records).extracting(CheckpointRecord::key).containsExactlyInAnyOrder(
                new CheckpointKey("office", "INBOX", 1), new CheckpointKey("office", "INBOX", 2),
                new CheckpointKey("office", "INBOX", 3), CheckpointKey.folder("office", "INBOX"));
        assertThat(records).filteredOn(r -> r.key().uid() == 1).singleElement()
                .extracting(CheckpointRecord::value).isNull();
        assertThat(records).filteredOn(r -> r.key().isFolder()).singleElement().satisfies(r ->
                assertThat(((FolderCheckpoint) r.value()).syncedAt()).isEqualTo(T1));
    }

    @Test
    void anUnchangedFolderWritesNothing() {
        Map<String, FolderState> states = Map.of("INBOX", inbox(7, T0, Map.of(1L, message("a"))));

        assertThat(CheckpointChanges.between("office", states, states)).isEmpty();
    }

    @Test
    void aDeletedFolderLeavesOnlyTombstones() {
        Map<String, FolderState> before = Map.of("INBOX", inbox(7, T0, Map.of(1L, message("a"))));

        assertThat(CheckpointChanges.between("office", before, Map.of())).allSatisfy(r ->
                assertThat(r.value()).isNull()).hasSize(2);
    }

    @Test
    void whatIsWrittenIsReadBackAsTheSameStateAndAnOlderGenerationIsIgnored() throws Exception {
        Map<String, FolderState> first = Map.of("INBOX", inbox(7, T0, Map.of(1L, message("a"), 2L, message("b"))));
        Map<String, FolderState> second = Map.of("INBOX", inbox(8, T1, Map.of(1L, message("z"))));
        CheckpointStore.Restoring restoring = new CheckpointStore.Restoring(Set.of("office"));
        for (List<CheckpointRecord> records : List.of(CheckpointChanges.between("office", Map.of(), first),
                CheckpointChanges.between("office", first, second))) {
            for (CheckpointRecord record : records) {
                restoring.add(JsonSerde.MAPPER.writeValueAsBytes(record.key()),
                        record.value() == null ? null : JsonSerde.MAPPER.writeValueAsBytes(record.value()));
            }
        }
        restoring.add(JsonSerde.MAPPER.writeValueAsBytes(CheckpointKey.folder("elsewhere", "INBOX")),
                JsonSerde.MAPPER.writeValueAsBytes(new FolderCheckpoint(FolderRole.INBOX, FolderStatus.UNKNOWN, T0)));

        Map<String, Map<String, FolderState>> restored = restoring.states();
        assertThat(restored).containsOnlyKeys("office");
        assertThat(restored.get("office")).isEqualTo(second);
        assertThatThrownBy(restoring::states).as("the records are spent").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCheckpointWrittenBeforeTheStateWasCompactedIsRestoredWithItsLongSubjectCutAndIsNotRewritten() {
        // given records as the version that kept every envelope whole wrote them (the format has not changed since)
        String subject = "Rückfrage zu Ihrer Bestellung ".repeat(10);
        String message = "{\"uidValidity\":7,\"message\":{\"messageId\":\"<a@x>\",\"from\":\"Bob <b@x>\","
                + "\"subject\":\"" + subject + "\",\"size\":12,\"internalDate\":\"2026-03-02T09:00:00.125Z\","
                + "\"flags\":[\"\\\\Seen\",\"$Junk\"]}}";
        String folder = "{\"role\":\"INBOX\",\"status\":{\"uidValidity\":7,\"uidNext\":10,\"messages\":1,"
                + "\"unseen\":0,\"highestModSeq\":-1},\"syncedAt\":\"2026-03-02T09:00:00Z\"}";
        CheckpointStore.Restoring restoring = new CheckpointStore.Restoring(Set.of("office"));
        restoring.add(utf8("{\"account\":\"office\",\"folder\":\"INBOX\",\"uid\":-1}"), utf8(folder));
        restoring.add(utf8("{\"account\":\"office\",\"folder\":\"INBOX\",\"uid\":4}"), utf8(message));

        // when restored
        FolderState inbox = restoring.states().get("office").get("INBOX");

        // then the message is there as the watcher keeps it, and an unchanged sync writes no record for it
        MessageSummary restored = inbox.messages().get(4L);
        assertThat(restored.messageId()).isEqualTo("<a@x>");
        assertThat(restored.subject()).hasSize(200).startsWith("Rückfrage zu Ihrer Bestellung").endsWith("…");
        assertThat(restored.internalDate()).isEqualTo(Instant.parse("2026-03-02T09:00:00.125Z"));
        assertThat(restored.flags()).containsExactlyInAnyOrder("\\Seen", "$Junk");
        assertThat(inbox.status().uidNext()).isEqualTo(10);
        FolderState resynced = new FolderState("INBOX", FolderRole.INBOX, inbox.status(), inbox.messages(), T1);
        assertThat(CheckpointChanges.between("office", Map.of("INBOX", inbox), Map.of("INBOX", resynced)))
                .extracting(CheckpointRecord::key).containsExactly(CheckpointKey.folder("office", "INBOX"));
    }

    private static byte[] utf8(String json) {
        return json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
