package io.vanishwatch.collector.checkpoint;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The key of one checkpoint record: a folder's header ({@code uid} = {@link #FOLDER}) or one message of it. The
 * topic is compacted, so the latest record per key is the checkpoint.
 */
public record CheckpointKey(String account, String folder, long uid) {

    /** The {@code uid} of a folder's own record. */
    public static final long FOLDER = -1;

    public static CheckpointKey folder(String account, String folder) {
        return new CheckpointKey(account, folder, FOLDER);
    }

    @JsonIgnore
    public boolean isFolder() {
        return uid == FOLDER;
    }
}
