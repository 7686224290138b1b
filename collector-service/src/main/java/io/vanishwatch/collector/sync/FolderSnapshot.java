package io.vanishwatch.collector.sync;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a folder holds right now, by UID: its status when it was opened and the answer to
 * {@code UID FETCH 1:* (FLAGS)}. {@code \Recent} is dropped: it belongs to one session, not to the message.
 */
public record FolderSnapshot(FolderStatus status, SortedMap<Long, Set<String>> flagsByUid) {

    static final String RECENT = "\\Recent";

    public FolderSnapshot {
        TreeMap<Long, Set<String>> copy = new TreeMap<>();
        flagsByUid.forEach((uid, flags) -> copy.put(uid, withoutSessionFlags(flags)));
        flagsByUid = Collections.unmodifiableSortedMap(copy);
    }

    public static FolderSnapshot of(long uidValidity, Map<Long, Set<String>> flagsByUid) {
        return new FolderSnapshot(new FolderStatus(uidValidity, -1, flagsByUid.size(), -1, -1), new TreeMap<>(flagsByUid));
    }

    public long uidValidity() {
        return status.uidValidity();
    }

    static Set<String> withoutSessionFlags(Set<String> flags) {
        TreeSet<String> kept = new TreeSet<>(flags == null ? Set.of() : flags);
        kept.removeIf(RECENT::equalsIgnoreCase);
        return Collections.unmodifiableSet(kept);
    }
}
