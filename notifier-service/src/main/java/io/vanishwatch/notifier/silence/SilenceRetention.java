package io.vanishwatch.notifier.silence;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.vanishwatch.events.Silence;
import org.jboss.logging.Logger;

/**
 * Forgets silences that ended longer ago than the retention, with a tombstone each, so the compacted topic does not
 * grow forever and the list stays readable. Several notifier instances may do it at once: a second tombstone for
 * the same silence changes nothing.
 */
public class SilenceRetention {

    private static final Logger LOG = Logger.getLogger(SilenceRetention.class);

    private final SilenceBook book;
    private final SilenceWriter writer;
    private final Duration retention;

    public SilenceRetention(SilenceBook book, SilenceWriter writer, Duration retention) {
        this.book = book;
        this.writer = writer;
        this.retention = retention;
    }

    /** Tombstones every silence of the book that ended more than the retention before {@code now}; their ids. */
    public List<String> forget(Instant now) throws SilenceStoreException {
        if (!book.caughtUp()) {
            return List.of();
        }
        List<String> forgotten = book.all().stream()
                .filter(silence -> SilenceState.forgettable(silence, now, retention))
                .map(Silence::id)
                .toList();
        for (String id : forgotten) {
            writer.tombstone(id);
        }
        if (!forgotten.isEmpty()) {
            LOG.infof("forgot %d silences that ended more than %s ago: %s", forgotten.size(), retention, forgotten);
        }
        return forgotten;
    }
}
