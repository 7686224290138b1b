package io.vanishwatch.collector.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The descriptions of known messages ({@link PackedSummary}s) outside the Java heap: appended to memory-mapped
 * scratch files whose pages the operating system keeps in its page cache or writes out, so that the heap keeps only
 * an int handle per message. PROTOTYPE (branch offheap-s16).
 *
 * <p>Scratch, not storage: the checkpoint topic is the source of truth and the collector rebuilds every folder's
 * state from it at start, so nothing here survives a restart. Each segment file is unlinked as soon as it is mapped
 * (where the platform allows; elsewhere deleted on exit): a crashed collector leaves nothing behind, and the mapping
 * keeps the unlinked file's pages until the JVM ends.
 *
 * <p>An entry is a 2-byte length and the description's bytes, starting at a multiple of 4. A handle is the entry's
 * address divided by 4, read unsigned: 2^32 × 4 bytes = 16 GiB of entries at most. An entry never straddles two
 * segments. Handle 0 is {@link PackedSummary#UNDESCRIBED}. Equal handles are equal descriptions; unequal handles may
 * hold equal bytes.
 *
 * <p>Append-only: a description that no state holds any more stays until the JVM ends. {@link #appendedBytes} says
 * how far the store has grown, {@link #liveBytes} how much of it committed states still hold (the watch
 * {@link #release}s what a commit drops); see docs/benchmarks.md for what that costs and the next step.
 *
 * <p>Thread-safe: appends are serialised (a bump of the write position and a copy of ~180 bytes); reads take no
 * lock. A handle is only read after the state holding it was handed over (which orders the append before the read).
 */
public final class DescriptionStore implements AutoCloseable {

    /** Handle of {@link PackedSummary#UNDESCRIBED}, written first into every store. */
    public static final int UNDESCRIBED = 0;

    static final int DEFAULT_SEGMENT_BITS = 26; // 64 MiB
    private static final long ADDRESS_LIMIT = 1L << 34; // 2^32 handles × 4 bytes
    private static final int MAX_ENTRY = 0xFFFF;

    private final Path directory;
    private final int segmentBits;
    private final int segmentSize;
    /** Copied on growth, so that readers need no lock. */
    private volatile MappedByteBuffer[] segments = new MappedByteBuffer[0];
    /** Next free address; guarded by {@code this}. */
    private long position;
    private long entries;
    private long descriptionBytes;
    /** Bytes of the entries not {@link #release}d yet, by segment (UNDESCRIBED not counted); guarded by {@code this}. */
    private long[] liveBySegment = new long[0];
    private long liveBytes;
    private long overReleases;

    /**
     * A store in a new temporary directory of {@code parent} (the system's temporary directory when null), with
     * segments of 2^{@code segmentBits} bytes.
     */
    public DescriptionStore(Path parent, int segmentBits) {
        if (segmentBits < 16 || segmentBits > 30) {
            throw new IllegalArgumentException("segments of 2^" + segmentBits + " bytes");
        }
        this.segmentBits = segmentBits;
        this.segmentSize = 1 << segmentBits;
        try {
            this.directory = parent == null ? Files.createTempDirectory("vanishwatch-descriptions-")
                    : Files.createTempDirectory(Files.createDirectories(parent), "vanishwatch-descriptions-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the description store's directory", e);
        }
        directory.toFile().deleteOnExit(); // empty by then: each segment file is unlinked once mapped
        int undescribed = append(PackedSummary.UNDESCRIBED);
        if (undescribed != UNDESCRIBED) {
            throw new IllegalStateException("UNDESCRIBED got handle " + undescribed);
        }
    }

    /** The store the collector's folder states use, created on first use in the system's temporary directory. */
    public static DescriptionStore shared() {
        return Shared.STORE;
    }

    private static final class Shared {
        static final DescriptionStore STORE = new DescriptionStore(
                System.getProperty("vanishwatch.description-store.dir") == null ? null
                        : Path.of(System.getProperty("vanishwatch.description-store.dir")),
                Integer.getInteger("vanishwatch.description-store.segment-bits", DEFAULT_SEGMENT_BITS));
    }

    /** Appends {@code description} and returns its handle. */
    public int append(byte[] description) {
        if (description.length > MAX_ENTRY) {
            throw new IllegalArgumentException("a description of " + description.length + " bytes");
        }
        if (description == PackedSummary.UNDESCRIBED && segments.length > 0) {
            return UNDESCRIBED;
        }
        int length = 2 + description.length;
        synchronized (this) {
            long address = position;
            long segmentEnd = (address | (segmentSize - 1)) + 1;
            if (address + length > segmentEnd) {
                address = segmentEnd; // the rest of this segment stays unused
            }
            int segment = (int) (address >>> segmentBits);
            if (address + length > ADDRESS_LIMIT) {
                throw new IllegalStateException("description store full: " + (ADDRESS_LIMIT >> 30) + " GiB");
            }
            MappedByteBuffer[] mapped = segments;
            if (segment == mapped.length) {
                mapped = Arrays.copyOf(mapped, segment + 1);
                mapped[segment] = map(segment);
                segments = mapped;
                liveBySegment = Arrays.copyOf(liveBySegment, segment + 1);
            }
            MappedByteBuffer buffer = mapped[segment];
            int offset = (int) (address & (segmentSize - 1));
            buffer.putShort(offset, (short) description.length);
            buffer.put(offset + 2, description, 0, description.length);
            position = (address + length + 3) & ~3L;
            entries++;
            descriptionBytes += description.length;
            if (address != 0) {
                liveBySegment[segment] += entrySize(description.length);
                liveBytes += entrySize(description.length);
            }
            return (int) (address >>> 2);
        }
    }

    /**
     * Counts the entry under {@code handle} as garbage: no state that is or will be committed holds it any more. Only
     * counted so far (see {@link #liveBytes}); nothing reuses the space yet. UNDESCRIBED is never released.
     */
    public void release(int handle) {
        if (handle == UNDESCRIBED) {
            return;
        }
        long address = Integer.toUnsignedLong(handle) << 2;
        int size = entrySize(length(handle));
        synchronized (this) {
            int segment = (int) (address >>> segmentBits);
            if (liveBySegment[segment] < size) {
                overReleases++; // a bookkeeping error, not a reason to fail a watch: nothing reuses space yet
                return;
            }
            liveBySegment[segment] -= size;
            liveBytes -= size;
        }
    }

    /** Bytes of entries appended and not released: what a compacted store would hold. */
    public synchronized long liveBytes() {
        return liveBytes;
    }

    /** Releases that found their segment's live bytes already spent: should stay 0 (a handle released twice). */
    public synchronized long overReleases() {
        return overReleases;
    }

    /** {@link #liveBytes} of one segment. */
    synchronized long liveBytes(int segment) {
        return liveBySegment[segment];
    }

    private static int entrySize(int descriptionLength) {
        return (2 + descriptionLength + 3) & ~3;
    }

    /** The description under {@code handle}, as {@link #append} was given it. */
    public byte[] read(int handle) {
        long address = Integer.toUnsignedLong(handle) << 2;
        MappedByteBuffer buffer = segments[(int) (address >>> segmentBits)];
        int offset = (int) (address & (segmentSize - 1));
        byte[] description = new byte[Short.toUnsignedInt(buffer.getShort(offset))];
        buffer.get(offset + 2, description, 0, description.length);
        return description;
    }

    /** The length in bytes of the description under {@code handle}. */
    public int length(int handle) {
        long address = Integer.toUnsignedLong(handle) << 2;
        return Short.toUnsignedInt(segments[(int) (address >>> segmentBits)].getShort((int) (address & (segmentSize - 1))));
    }

    /** Whether the two handles hold the same bytes. */
    public boolean same(int handle, int other) {
        if (handle == other) {
            return true;
        }
        long a = Integer.toUnsignedLong(handle) << 2;
        long b = Integer.toUnsignedLong(other) << 2;
        MappedByteBuffer[] mapped = segments;
        MappedByteBuffer first = mapped[(int) (a >>> segmentBits)];
        MappedByteBuffer second = mapped[(int) (b >>> segmentBits)];
        int at = (int) (a & (segmentSize - 1));
        int bt = (int) (b & (segmentSize - 1));
        int length = Short.toUnsignedInt(first.getShort(at));
        if (length != Short.toUnsignedInt(second.getShort(bt))) {
            return false;
        }
        // slices: absolute views, no shared position to race on
        return first.slice(at + 2, length).equals(second.slice(bt + 2, length));
    }

    /** Bytes the store has grown to: every entry ever appended, with its length, padding and segment ends. */
    public synchronized long appendedBytes() {
        return position;
    }

    /** Entries ever appended (UNDESCRIBED once). */
    public synchronized long entries() {
        return entries;
    }

    /** The descriptions' own bytes among {@link #appendedBytes}. */
    public synchronized long descriptionBytes() {
        return descriptionBytes;
    }

    /** Segment files mapped. */
    public int segments() {
        return segments.length;
    }

    Path directory() {
        return directory;
    }

    /** Forgets the segments (the pages go when the buffers are collected); no handle may be read after. */
    @Override
    public synchronized void close() {
        segments = new MappedByteBuffer[0];
        tryDelete(directory);
    }

    private MappedByteBuffer map(int segment) {
        Path file = directory.resolve(String.format("segment-%05d", segment));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, segmentSize); // sparse
            if (!tryDelete(file)) {
                file.toFile().deleteOnExit();
            }
            return buffer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map description segment " + file, e);
        }
    }

    private static boolean tryDelete(Path path) {
        try {
            Files.deleteIfExists(path);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
