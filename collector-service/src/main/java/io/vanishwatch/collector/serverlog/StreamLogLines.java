package io.vanishwatch.collector.serverlog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Lines piped in (the path {@code -}: stdin). No position survives a restart, so a line's identity is its text alone:
 * the same line piped again is recognisably the same event.
 */
public final class StreamLogLines implements LogLines {

    private final BufferedReader reader;
    private volatile boolean finished;

    public StreamLogLines(InputStream in) {
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    @Override
    public Batch poll(int maxLines) throws IOException {
        List<Line> lines = new ArrayList<>();
        String line = reader.readLine();
        while (line != null) {
            lines.add(new Line(line, "stream|" + line));
            if (lines.size() >= maxLines || !reader.ready()) {
                return new Batch(lines, null);
            }
            line = reader.readLine();
        }
        finished = true;
        return new Batch(lines, null);
    }

    @Override
    public boolean finished() {
        return finished;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
