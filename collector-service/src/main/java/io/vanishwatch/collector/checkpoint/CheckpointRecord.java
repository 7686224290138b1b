package io.vanishwatch.collector.checkpoint;

/**
 * One change to the checkpoints: a new value for a key, or a tombstone ({@code value} null) for a message or folder
 * that is gone.
 *
 * @param value a {@link FolderCheckpoint} for a folder key, a {@link MessageCheckpoint} for a message key, or null
 */
public record CheckpointRecord(CheckpointKey key, Object value) {

    public static CheckpointRecord tombstone(CheckpointKey key) {
        return new CheckpointRecord(key, null);
    }
}
