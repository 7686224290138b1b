package io.vanishwatch.collector.sync;

import java.time.Instant;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

import io.vanishwatch.events.MessageSummary;

/**
 * What the watcher last knew of a folder: each UID with the message it was, so that a removal can still be described
 * after the server has forgotten the message.
 *
 * @param syncedAt when the snapshot behind this state was taken: a message missing later was still there then
 */
public record FolderState(long uidValidity, SortedMap<Long, MessageSummary> messages, Instant syncedAt) {

    public FolderState {
        messages = Collections.unmodifiableSortedMap(new TreeMap<>(messages));
    }
}
