package io.vanishwatch.collector.serverlog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

/**
 * Follows a log file as it grows. Survives rotation by rename (finishes the old file, then reads the new one from its
 * start) and by copytruncate (reads what it had not yet read from the copy, then the truncated file from 0), also
 * when the rotation happened while the collector was down. A line's identity is the file's device and inode, the
 * line's offset and its text, so a line read twice is recognisably the same.
 */
public final class FileLogLines implements LogLines {

    private static final Logger LOG = Logger.getLogger(FileLogLines.class);
    private static final int MAX_LINE = 1 << 20;

    private final Path path;
    private final String pathName;
    private FileChannel channel;
    private String fileKey;
    /** Whether the open file is a rotated one being finished: at its end, switch to {@link #path}. */
    private boolean draining;
    /** The offset of {@code pending[pendingStart]}: the start of the first line not yet returned. */
    private long lineStart;
    private byte[] pending = new byte[64 * 1024];
    private int pendingStart;
    private int pendingEnd;
    private byte[] lastLine;

    private FileLogLines(Path path) {
        this.path = path;
        this.pathName = path.toString();
    }

    /**
     * Opens {@code path} where {@code resume} left it: same file, at its offset; a rotated file, found by its
     * identity beside {@code path}, at its offset and then {@code path} from the start; else {@code path} from the
     * start, or from its end when {@code fromEnd} (a new follower of an old log). A missing file is waited for.
     */
    public static FileLogLines open(Path path, LogPosition resume, boolean fromEnd) throws IOException {
        FileLogLines lines = new FileLogLines(path);
        Optional<String> current = keyOf(path);
        if (resume != null && current.isPresent() && current.get().equals(resume.fileKey())) {
            lines.openAt(path, resume.offset() <= Files.size(path) ? resume.offset() : 0);
        } else if (resume != null && (current.isEmpty() || !current.get().equals(resume.fileKey()))) {
            Optional<Path> rotated = lines.siblings().stream()
                    .filter(p -> keyOf(p).filter(resume.fileKey()::equals).isPresent()).findFirst();
            if (rotated.isPresent()) {
                LOG.infof("%s was rotated while the collector was away: finishing %s first", path, rotated.get());
                lines.openAt(rotated.get(), resume.offset());
                lines.draining = true;
            } else if (current.isPresent()) {
                LOG.warnf("%s was rotated while the collector was away and the old file is gone: lines written to it"
                        + " after offset %d are lost; reading %s from its start", path, resume.offset(), path);
                lines.openAt(path, 0);
            }
        } else if (current.isPresent()) {
            lines.openAt(path, fromEnd ? Files.size(path) : 0);
        }
        return lines;
    }

    private void openAt(Path file, long offset) throws IOException {
        closeChannel();
        channel = FileChannel.open(file, StandardOpenOption.READ);
        fileKey = keyOf(file).orElseThrow(() -> new NoSuchFileException(file.toString()));
        channel.position(offset);
        lineStart = offset;
        pendingStart = 0;
        pendingEnd = 0;
        lastLine = null;
        draining = false;
    }

    @Override
    public Batch poll(int maxLines) throws IOException {
        List<Line> lines = new ArrayList<>();
        if (channel == null) {
            if (keyOf(path).isEmpty()) {
                return new Batch(lines, null);
            }
            openAt(path, 0);
        }
        if (!draining && truncated()) {
            restartAfterTruncation(lines);
        }
        readLines(lines, maxLines);
        if (lines.size() < maxLines) {
            checkRotation(lines);
        }
        return new Batch(lines, new LogPosition(pathName, fileKey, lineStart));
    }

    /** Returns complete lines until {@code maxLines} or the end of what is written. */
    private void readLines(List<Line> lines, int maxLines) throws IOException {
        int scanFrom = pendingStart;
        while (lines.size() < maxLines) {
            int newline = indexOf(pending, (byte) '\n', scanFrom, pendingEnd);
            if (newline >= 0) {
                emit(lines, newline);
                scanFrom = pendingStart;
                continue;
            }
            int scanned = pendingEnd - pendingStart;
            long before = lineStart;
            if (!fill()) {
                return;
            }
            scanFrom = lineStart == before ? pendingStart + scanned : pendingStart;
        }
    }

    private void emit(List<Line> lines, int newline) {
        int end = newline > pendingStart && pending[newline - 1] == '\r' ? newline - 1 : newline;
        String text = new String(pending, pendingStart, end - pendingStart, StandardCharsets.UTF_8);
        lines.add(new Line(text, fileKey + "@" + lineStart + "|" + text));
        lastLine = Arrays.copyOfRange(pending, pendingStart, newline + 1);
        lineStart += newline + 1 - pendingStart;
        pendingStart = newline + 1;
    }

    /** Reads more of the file after the pending bytes; false at its end. */
    private boolean fill() throws IOException {
        if (pendingStart > 0) {
            System.arraycopy(pending, pendingStart, pending, 0, pendingEnd - pendingStart);
            pendingEnd -= pendingStart;
            pendingStart = 0;
        }
        if (pendingEnd == pending.length) {
            if (pending.length >= MAX_LINE) {
                // a line longer than any Dovecot writes: drop it rather than hold the log up
                LOG.warnf("%s: skipping a line of more than %d bytes at offset %d", pathName, MAX_LINE, lineStart);
                lineStart += pendingEnd;
                pendingEnd = 0;
            } else {
                pending = Arrays.copyOf(pending, pending.length * 2);
            }
        }
        int read = channel.read(ByteBuffer.wrap(pending, pendingEnd, pending.length - pendingEnd));
        if (read <= 0) {
            return false;
        }
        pendingEnd += read;
        return true;
    }

    /** At the end of the open file: has {@link #path} become another file, or been truncated? */
    private void checkRotation(List<Line> lines) throws IOException {
        Optional<String> current = keyOf(path);
        if (current.isEmpty()) {
            return;
        }
        if ((draining || !current.get().equals(fileKey)) && Files.size(path) > 0) {
            // renamed away, and the server writes to the new file: what the old one holds now is all it will hold
            readLines(lines, Integer.MAX_VALUE);
            flushPartialLine(lines);
            LOG.infof("%s was rotated: finished the old file at offset %d, reading the new one", pathName, lineStart);
            openAt(path, 0);
            return;
        }
    }

    private void restartAfterTruncation(List<Line> lines) throws IOException {
        rescueFromCopy(lines);
        LOG.infof("%s was truncated (copytruncate): reading it again from its start", pathName);
        openAt(path, 0);
    }

    private boolean truncated() throws IOException {
        long readTo = lineStart + (pendingEnd - pendingStart);
        if (channel.size() < readTo) {
            return true;
        }
        if (lastLine == null || lineStart < lastLine.length) {
            return false;
        }
        // truncated and written again past where we were: the bytes before our offset are no longer our last line
        return !Arrays.equals(lastLine, readAt(channel, lineStart - lastLine.length, lastLine.length));
    }

    /**
     * copytruncate copies the file and then empties it: lines written after our offset and before the truncation
     * are only in the copy. The copy is the sibling that holds our last line just before our offset.
     */
    private void rescueFromCopy(List<Line> lines) throws IOException {
        if (lastLine == null || lineStart < lastLine.length) {
            return;
        }
        for (Path sibling : siblings()) {
            try (FileChannel copy = FileChannel.open(sibling, StandardOpenOption.READ)) {
                if (copy.size() <= lineStart
                        || !Arrays.equals(lastLine, readAt(copy, lineStart - lastLine.length, lastLine.length))) {
                    continue;
                }
                byte[] rest = readAt(copy, lineStart, (int) Math.min(copy.size() - lineStart, Integer.MAX_VALUE - 8));
                pending = rest.length > pending.length ? rest : pending;
                System.arraycopy(rest, 0, pending, 0, rest.length);
                pendingStart = 0;
                pendingEnd = rest.length;
                for (int newline = indexOf(pending, (byte) '\n', 0, pendingEnd); newline >= 0;
                     newline = indexOf(pending, (byte) '\n', pendingStart, pendingEnd)) {
                    emit(lines, newline);
                }
                flushPartialLine(lines);
                LOG.infof("%s: read %s's copy %s from offset %d before the truncation", pathName, pathName, sibling,
                        lineStart);
                return;
            }
        }
    }

    /** The last line of a finished file may lack its newline. */
    private void flushPartialLine(List<Line> lines) {
        if (pendingEnd > pendingStart) {
            String text = new String(pending, pendingStart, pendingEnd - pendingStart, StandardCharsets.UTF_8);
            lines.add(new Line(text, fileKey + "@" + lineStart + "|" + text));
            lineStart += pendingEnd - pendingStart;
            pendingStart = pendingEnd;
        }
    }

    private static byte[] readAt(FileChannel file, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        long at = offset;
        while (buffer.hasRemaining()) {
            int read = file.read(buffer, at);
            if (read <= 0) {
                break;
            }
            at += read;
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    /** Rotated files beside {@link #path} ({@code dovecot.log.1}, {@code dovecot.log-20261128}), newest first. */
    private List<Path> siblings() throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        String name = path.getFileName().toString();
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, name + "?*")) {
            for (Path file : files) {
                String fileName = file.getFileName().toString();
                if (Files.isRegularFile(file) && !fileName.matches(".*\\.(gz|bz2|xz|zst|lz4)$")) {
                    found.add(file);
                }
            }
        }
        found.sort(Comparator.comparing((Path p) -> p.toFile().lastModified()).reversed());
        return found;
    }

    private static int indexOf(byte[] bytes, byte value, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }

    static Optional<String> keyOf(Path file) {
        try {
            Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            return Optional.of(key == null ? file.toAbsolutePath().toString() : key.toString());
        } catch (IOException gone) {
            return Optional.empty();
        }
    }

    @Override
    public boolean finished() {
        return false;
    }

    private void closeChannel() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    @Override
    public void close() throws IOException {
        closeChannel();
    }
}
