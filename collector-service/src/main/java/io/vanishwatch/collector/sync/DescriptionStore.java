package io.vanishwatch.collector.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import org.jboss.logging.Logger;

/**
 * The descriptions of known messages ({@link PackedSummary}s, ~180 bytes each) outside the Java heap, so that the heap
 * keeps an int handle per message: a thousand accounts of tens of thousands of messages each fit a small heap.
 *
 * <p>The descriptions live in memory-mapped scratch files, whose pages the operating system keeps in its page cache
 * or writes out to the file under memory pressure (a container's memory limit included): the files must be on a
 * disk, not a tmpfs, or they stay in RAM. Scratch, not storage: the checkpoint topic is the source of truth and the
 * collector rebuilds every folder's state from it at start, so nothing here survives a restart. Each segment file is
 * unlinked as soon as it is mapped: a crashed collector leaves nothing behind.
 *
 * <p>A slot holds a 2-byte length and the description, rounded up to its size class (multiples of 8 bytes up to
 * 2 KiB, powers of two above); a handle is the slot's address divided by 8, read unsigned (32 GiB at most). A slot
 * never straddles two segments. {@link #release Released} slots go on a free list of their size class, in the slots
 * themselves, and are taken again before the store grows: the store is as large as the most descriptions held at
 * once, not as all ever added. Handle 0 is {@link PackedSummary#UNDESCRIBED}, never released. Equal handles are equal
 * descriptions; unequal handles may hold equal bytes.
 *
 * <p>Who releases: a handle belongs to the states of one folder of one watch, which hand it on from one sync to the
 * next; the watch releases what a committed round dropped, what an abandoned round added, and everything when it
 * stops ({@code SyncRound}, {@code AccountWatcher}). Reading a released handle fails loudly rather than reading
 * another message's description; releasing one twice is counted ({@link #doubleReleases}) and ignored.
 *
 * <p>Thread-safe: {@link #add} and {@link #release} are serialised (a free-list pop or a bump, and a copy of ~180
 * bytes); reads take no lock. A handle is only read after the state holding it was handed over, which orders the
 * write before the read.
 */
public final class DescriptionStore implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DescriptionStore.class);

    /** Handle of {@link PackedSummary#UNDESCRIBED}, the first slot of every store. */
    public static final int UNDESCRIBED = 0;

    static final int DEFAULT_SEGMENT_BITS = 26; // 64 MiB
    private static final int ALIGN_BITS = 3;
    private static final long ADDRESS_LIMIT = 1L << (32 + ALIGN_BITS);
    /** The largest description: its length must differ from {@link #FREED}. */
    static final int MAX_DESCRIPTION = 0xFFFE;
    /** The length field of a released slot; the next free slot's handle follows at offset 4. */
    private static final short FREED = (short) 0xFFFF;
    private static final int SMALL_LIMIT = 2048;
    private static final int SMALL_CLASSES = SMALL_LIMIT >> ALIGN_BITS; // 8, 16, ... 2048: classes 1..256
    private static final int CLASSES = SMALL_CLASSES + 1 + 6; // then 4 KiB ... 128 KiB

    private final Path directory;
    private final int segmentBits;
    private final int segmentSize;
    /** Copied on growth, so that readers need no lock. */
    private volatile MappedByteBuffer[] segments = new MappedByteBuffer[0];
    /** The next never-used address; guarded by {@code this}. */
    private long end;
    /** Per size class, the handle of the first released slot, 0 for none; guarded by {@code this}. */
    private final int[] freeHeads = new int[CLASSES];
    private long liveEntries;
    private long liveBytes;
    private long freeBytes;
    private long doubleReleases;

    /**
     * A store in a new directory under {@code parent} (the system's temporary directory when null), with segments of
     * 2^{@code segmentBits} bytes.
     */
    public DescriptionStore(Path parent, int segmentBits) {
        if (segmentBits < 17 || segmentBits > 30) {
            throw new IllegalArgumentException("segments of 2^" + segmentBits + " bytes: 2^17 to 2^30");
        }
        this.segmentBits = segmentBits;
        this.segmentSize = 1 << segmentBits;
        try {
            this.directory = parent == null ? Files.createTempDirectory("vanishwatch-descriptions-")
                    : Files.createTempDirectory(Files.createDirectories(parent), "vanishwatch-descriptions-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the description store's directory under "
                    + (parent == null ? System.getProperty("java.io.tmpdir") : parent) + ": " + e.getMessage(), e);
        }
        directory.toFile().deleteOnExit(); // empty by then: each segment file is unlinked once mapped
        if (add(PackedSummary.UNDESCRIBED) != UNDESCRIBED) {
            throw new IllegalStateException("UNDESCRIBED did not get handle 0");
        }
    }

    // ---- the collector's one store

    private static Path sharedParent;
    private static DescriptionStore shared;

    /**
     * Where {@link #shared()} creates its files (the key {@code vanishwatch.collector.description-store.directory});
     * call it before the first folder state is built. A store already in use stays where it is, with a warning.
     */
    public static synchronized void useDirectory(Path parent) {
        if (shared != null && !shared.directory.getParent().equals(parent)) {
            LOG.warnf("the description store is already in use under %s; %s takes effect after a restart",
                    shared.directory.getParent(), parent);
        }
        sharedParent = parent;
    }

    /** The store the collector's folder states use, created on first use (see {@link #useDirectory}). */
    public static synchronized DescriptionStore shared() {
        if (shared == null) {
            shared = new DescriptionStore(sharedParent, DEFAULT_SEGMENT_BITS);
            Path parent = shared.directory.getParent();
            if (onTmpfs(shared.directory)) {
                LOG.warnf("the descriptions of known messages are kept in memory-mapped files under %s, a tmpfs, so"
                        + " they stay in RAM: point vanishwatch.collector.description-store.directory at a disk", parent);
            } else {
                LOG.infof("the descriptions of known messages are kept in memory-mapped files under %s", parent);
            }
        }
        return shared;
    }

    static boolean onTmpfs(Path path) {
        try {
            return "tmpfs".equals(Files.getFileStore(path).type());
        } catch (IOException e) {
            return false;
        }
    }

    // ---- adding, reading, releasing

    /** Keeps {@code description} and returns its handle. */
    public int add(byte[] description) {
        if (description.length > MAX_DESCRIPTION) {
            throw new IllegalArgumentException("a description of " + description.length + " bytes");
        }
        if (description == PackedSummary.UNDESCRIBED && segments.length > 0) {
            return UNDESCRIBED;
        }
        int sizeClass = sizeClass(2 + description.length);
        int slotSize = slotSize(sizeClass);
        synchronized (this) {
            long address;
            int free = freeHeads[sizeClass];
            if (free != UNDESCRIBED) {
                address = addressOf(free);
                freeHeads[sizeClass] = segment(address).getInt(offset(address) + 4);
                freeBytes -= slotSize;
            } else {
                address = grow(slotSize);
            }
            MappedByteBuffer buffer = segment(address);
            int offset = offset(address);
            buffer.putShort(offset, (short) description.length);
            buffer.put(offset + 2, description, 0, description.length);
            if (address != 0) {
                liveEntries++;
                liveBytes += slotSize;
            }
            return (int) (address >>> ALIGN_BITS);
        }
    }

    /** A never-used slot of {@code slotSize} bytes at the end, mapping a new segment when needed. */
    private long grow(int slotSize) {
        long address = end;
        long segmentEnd = (address | (segmentSize - 1)) + 1;
        if (address + slotSize > segmentEnd) {
            address = segmentEnd; // the rest of this segment stays unused
        }
        if (address + slotSize > ADDRESS_LIMIT) {
            throw new IllegalStateException("the description store is full: " + (ADDRESS_LIMIT >> 30) + " GiB");
        }
        int segment = (int) (address >>> segmentBits);
        if (segment == segments.length) {
            MappedByteBuffer[] mapped = Arrays.copyOf(segments, segment + 1);
            mapped[segment] = map(segment);
            segments = mapped;
        }
        end = address + slotSize;
        return address;
    }

    /**
     * Gives the slot under {@code handle} back: no state that is or will be committed holds it any more, and nobody
     * reads it again. UNDESCRIBED is never released; a slot released twice is counted, not freed twice.
     */
    public void release(int handle) {
        if (handle == UNDESCRIBED) {
            return;
        }
        long address = addressOf(handle);
        synchronized (this) {
            MappedByteBuffer buffer = segment(address);
            int offset = offset(address);
            short length = buffer.getShort(offset);
            if (length == FREED) {
                if (doubleReleases++ == 0) {
                    LOG.errorf(new IllegalStateException("released twice"), "description %s was released twice: a"
                            + " bookkeeping error in the collector (ignored; later ones are only counted)",
                            Integer.toUnsignedString(handle));
                }
                return;
            }
            int sizeClass = sizeClass(2 + Short.toUnsignedInt(length));
            buffer.putShort(offset, FREED);
            buffer.putInt(offset + 4, freeHeads[sizeClass]);
            freeHeads[sizeClass] = handle;
            liveEntries--;
            liveBytes -= slotSize(sizeClass);
            freeBytes += slotSize(sizeClass);
        }
    }

    /** The description under {@code handle}, as {@link #add} was given it. */
    public byte[] read(int handle) {
        long address = addressOf(handle);
        MappedByteBuffer buffer = segments[(int) (address >>> segmentBits)];
        int offset = offset(address);
        byte[] description = new byte[lengthAt(buffer, offset, handle)];
        buffer.get(offset + 2, description, 0, description.length);
        return description;
    }

    /** The length in bytes of the description under {@code handle}. */
    public int length(int handle) {
        long address = addressOf(handle);
        return lengthAt(segments[(int) (address >>> segmentBits)], offset(address), handle);
    }

    /** Whether the two handles hold the same bytes. */
    public boolean same(int handle, int other) {
        if (handle == other) {
            return true;
        }
        long a = addressOf(handle);
        long b = addressOf(other);
        MappedByteBuffer[] mapped = segments;
        MappedByteBuffer first = mapped[(int) (a >>> segmentBits)];
        MappedByteBuffer second = mapped[(int) (b >>> segmentBits)];
        int at = offset(a);
        int bt = offset(b);
        int length = lengthAt(first, at, handle);
        if (length != lengthAt(second, bt, other)) {
            return false;
        }
        // slices: absolute views, no shared position to race on
        return first.slice(at + 2, length).equals(second.slice(bt + 2, length));
    }

    private static int lengthAt(MappedByteBuffer buffer, int offset, int handle) {
        short length = buffer.getShort(offset);
        if (length == FREED) {
            throw new IllegalStateException("description " + Integer.toUnsignedString(handle) + " was released");
        }
        return Short.toUnsignedInt(length);
    }

    // ---- what it holds

    /** Descriptions held (UNDESCRIBED not counted). */
    public synchronized long liveEntries() {
        return liveEntries;
    }

    /** Bytes of the slots held. */
    public synchronized long liveBytes() {
        return liveBytes;
    }

    /** Bytes of released slots waiting to be taken again. */
    public synchronized long freeBytes() {
        return freeBytes;
    }

    /** Bytes the store has grown to: every slot ever used, and the unused ends of its segments. */
    public synchronized long grownBytes() {
        return end;
    }

    /** Releases of a slot already released: should stay 0. */
    public synchronized long doubleReleases() {
        return doubleReleases;
    }

    /** Segment files mapped. */
    public int segments() {
        return segments.length;
    }

    Path directory() {
        return directory;
    }

    /** Forgets the segments (their pages go when the buffers are collected); no handle may be read after. */
    @Override
    public synchronized void close() {
        segments = new MappedByteBuffer[0];
        tryDelete(directory);
    }

    // ---- layout

    static int sizeClass(int entryBytes) {
        if (entryBytes <= SMALL_LIMIT) {
            return (entryBytes + 7) >> ALIGN_BITS;
        }
        return SMALL_CLASSES + (32 - Integer.numberOfLeadingZeros(entryBytes - 1)) - 11; // 4 KiB: +1
    }

    static int slotSize(int sizeClass) {
        return sizeClass <= SMALL_CLASSES ? sizeClass << ALIGN_BITS : 1 << (sizeClass - SMALL_CLASSES + 11);
    }

    private static long addressOf(int handle) {
        return Integer.toUnsignedLong(handle) << ALIGN_BITS;
    }

    private MappedByteBuffer segment(long address) {
        return segments[(int) (address >>> segmentBits)];
    }

    private int offset(long address) {
        return (int) (address & (segmentSize - 1));
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
            throw new UncheckedIOException("cannot map description segment " + file + ": " + e.getMessage(), e);
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
