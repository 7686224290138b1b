package io.vanishwatch.collector.sync;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;

import io.vanishwatch.events.MessageSummary;

/**
 * A message's description without its flags (Message-ID, from, subject, size, INTERNALDATE) in one byte array: one
 * object per message instead of a record, three strings and an instant. Each text is kept as UTF-8 or as UTF-16,
 * whichever is shorter (a Japanese subject is shorter in UTF-16, an accented Latin one in UTF-8), and cut to the
 * length an alert shows.
 *
 * <p>Layout: size (varint), INTERNALDATE (0 for none, else zigzag epoch millis + 1, varint), then Message-ID, from
 * and subject, each a varint header (0 for none, else {@code (length << 1 | utf16) + 1}) and its bytes.
 */
final class PackedSummary {

    /** The most characters of a subject or sender kept (and so published in a REMOVED); longer ones end in "…". */
    static final int TEXT_LIMIT = 200;
    /** The most characters of a Message-ID kept: an RFC 5322 line. Real ones are far shorter. */
    static final int MESSAGE_ID_LIMIT = 998;

    /** The description of a message the watcher could not describe (expunged before its envelope was read). */
    static final byte[] UNDESCRIBED = pack(new MessageSummary(null, null, null, 0, null, Set.of()));

    private PackedSummary() {
    }

    static byte[] pack(MessageSummary message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 + length(message.messageId())
                + 2 * (length(message.from()) + length(message.subject())));
        writeVarint(out, message.size());
        writeVarint(out, message.internalDate() == null ? 0 : zigzag(message.internalDate().toEpochMilli()) + 1);
        writeText(out, cut(message.messageId(), MESSAGE_ID_LIMIT));
        writeText(out, cut(message.from(), TEXT_LIMIT));
        writeText(out, cut(message.subject(), TEXT_LIMIT));
        byte[] packed = out.toByteArray();
        return UNDESCRIBED != null && java.util.Arrays.equals(packed, UNDESCRIBED) ? UNDESCRIBED : packed;
    }

    static MessageSummary unpack(byte[] packed, Set<String> flags) {
        Reader in = new Reader(packed);
        long size = in.varint();
        long date = in.varint();
        Instant internalDate = date == 0 ? null : Instant.ofEpochMilli(unzigzag(date - 1));
        return new MessageSummary(in.text(), in.text(), in.text(), size, internalDate, flags);
    }

    /** The message as the watcher keeps it: texts cut, INTERNALDATE to the millisecond. */
    static MessageSummary kept(MessageSummary message) {
        return unpack(pack(message), message.flags());
    }

    /** {@code text} cut to {@code limit} characters, ending in "…" when cut, never inside a surrogate pair. */
    static String cut(String text, int limit) {
        if (text == null || text.length() <= limit) {
            return text;
        }
        int end = limit - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }

    private static void writeText(ByteArrayOutputStream out, String text) {
        if (text == null) {
            writeVarint(out, 0);
            return;
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        boolean utf16 = 2L * text.length() < utf8.length;
        byte[] bytes = utf16 ? text.getBytes(StandardCharsets.UTF_16BE) : utf8;
        writeVarint(out, ((long) bytes.length << 1 | (utf16 ? 1 : 0)) + 1);
        out.write(bytes, 0, bytes.length);
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static long zigzag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    private static long unzigzag(long value) {
        return (value >>> 1) ^ -(value & 1);
    }

    private static final class Reader {
        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = bytes[position++];
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
        }

        String text() {
            long header = varint();
            if (header == 0) {
                return null;
            }
            int length = (int) ((header - 1) >>> 1);
            boolean utf16 = ((header - 1) & 1) == 1;
            String text = new String(bytes, position, length, utf16 ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_8);
            position += length;
            return text;
        }
    }
}
