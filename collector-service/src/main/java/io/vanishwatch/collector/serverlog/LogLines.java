package io.vanishwatch.collector.serverlog;

import java.io.IOException;
import java.util.List;

/** Where log lines come from: a followed file, or a stream such as stdin. */
public interface LogLines extends AutoCloseable {

    /** One line and what identifies it where it was read (file, offset and text), for the event's id. */
    record Line(String text, String identity) {
    }

    /** Lines read in one go and the position after the last of them (null when the source keeps none). */
    record Batch(List<Line> lines, LogPosition position) {
    }

    /** The lines complete now, at most {@code maxLines}; none when nothing new was written. */
    Batch poll(int maxLines) throws IOException;

    /** Whether no line will ever come again (a stream closed); a file is never finished. */
    boolean finished();

    @Override
    void close() throws IOException;
}
