package io.vanishwatch.collector.serverlog;

/**
 * How far a log file has been read: the file's identity (device and inode, so that a renamed file is still
 * recognised) and the byte offset after the last line published. Kept as a checkpoint record, written in the same
 * transaction as the events of the lines before it.
 */
public record LogPosition(String path, String fileKey, long offset) {
}
