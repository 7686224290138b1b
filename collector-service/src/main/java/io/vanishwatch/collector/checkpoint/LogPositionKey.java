package io.vanishwatch.collector.checkpoint;

/**
 * The key of a log follower's position in the checkpoint topic, beside the folder checkpoints: the followed path as
 * configured, so the position outlives the file's rotations. Folder checkpoints are keyed by {@link CheckpointKey}.
 */
public record LogPositionKey(String serverLog) {
}
