package io.vanishwatch.collector.sync;

/**
 * What a folder's STATUS (or EXAMINE) said: enough to tell whether anything changed in it since it was last read,
 * without reading it. A value the server did not give is -1 (HIGHESTMODSEQ without CONDSTORE, for example).
 */
public record FolderStatus(long uidValidity, long uidNext, long messages, long unseen, long highestModSeq) {

    public static final FolderStatus UNKNOWN = new FolderStatus(-1, -1, -1, -1, -1);

    /**
     * Whether {@code now} shows a change against this earlier status: any value both know that differs. An unknown
     * earlier status always counts as changed.
     */
    public boolean changedIn(FolderStatus now) {
        if (this.equals(UNKNOWN)) {
            return true;
        }
        return differs(uidValidity, now.uidValidity) || differs(uidNext, now.uidNext)
                || differs(messages, now.messages) || differs(unseen, now.unseen)
                || differs(highestModSeq, now.highestModSeq);
    }

    private static boolean differs(long before, long after) {
        return before >= 0 && after >= 0 && before != after;
    }
}
