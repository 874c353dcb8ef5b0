package parley.history.sqlite;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import parley.history.StoredLine;

/**
 * The bytes of a block: the lines of one room, in id order, that one writer batch stored together.
 *
 * <pre>
 *  byte    version (1)
 *  varint  count
 *  count times:
 *    varint  id - previous id        (the first: the id itself; ids increase, so never negative)
 *    varint  zigzag(time - previous time), in ms   (the first: from 0; the clock may step back)
 *    byte    kind                     (Database.code)
 *    varint length, UTF-8 bytes       nick, then address, then text
 * </pre>
 *
 * A block needs nothing outside itself to be read back (not the row's first id or time); the room is the
 * row's. Unsigned LEB128 varints: ids and times of neighbours differ by a byte or two. A version other than
 * one this parley writes is refused, never guessed at.
 */
final class BlockCodec {

    static final int VERSION = 1;

    private BlockCodec() {
    }

    /** Encodes {@code lines} (one room's, ids increasing). */
    static byte[] encode(List<StoredLine> lines) {
        Output out = new Output(16 + lines.size() * 96);
        out.write(VERSION);
        out.varint(lines.size());
        long id = 0;
        long time = 0;
        for (StoredLine line : lines) {
            out.varint(line.id() - id);
            long millis = line.time().toEpochMilli();
            long delta = millis - time;
            out.varint((delta << 1) ^ (delta >> 63));
            out.write(Database.code(line.kind()));
            out.string(line.nick());
            out.string(line.address());
            out.string(line.text());
            id = line.id();
            time = millis;
        }
        return out.bytes();
    }

    /** Decodes a block of {@code room}'s lines, oldest first. */
    static List<StoredLine> decode(String room, byte[] block) {
        Input in = new Input(block);
        int version = in.read();
        if (version != VERSION) {
            throw new CorruptBlockException("a block of version " + version + ", not " + VERSION);
        }
        long count = in.varint();
        if (count < 0 || count > block.length) {
            throw new CorruptBlockException("a block claims " + count + " lines in " + block.length + " bytes");
        }
        List<StoredLine> lines = new ArrayList<>((int) count);
        long id = 0;
        long time = 0;
        for (long i = 0; i < count; i++) {
            id += in.varint();
            long zigzag = in.varint();
            time += (zigzag >>> 1) ^ -(zigzag & 1);
            StoredLine.Kind kind = Database.kind(in.read());
            String nick = in.string();
            String address = in.string();
            String text = in.string();
            lines.add(new StoredLine(room, id, Instant.ofEpochMilli(time), kind, nick, address, text));
        }
        if (!in.atEnd()) {
            throw new CorruptBlockException("a block has bytes after its " + count + " lines");
        }
        return lines;
    }

    /** Bytes that are not a block this parley wrote. */
    static final class CorruptBlockException extends RuntimeException {
        CorruptBlockException(String why) {
            super(why);
        }
    }

    private static final class Output {
        private byte[] bytes;
        private int size;

        Output(int capacity) {
            bytes = new byte[capacity];
        }

        void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        void varint(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                bytes[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            bytes[size++] = (byte) v;
        }

        void string(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            varint(utf8.length);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, bytes, size, utf8.length);
            size += utf8.length;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(bytes, size);
        }
    }

    private static final class Input {
        private final byte[] bytes;
        private int at;

        Input(byte[] bytes) {
            this.bytes = bytes;
        }

        int read() {
            if (at >= bytes.length) {
                throw new CorruptBlockException("a block ends early, at byte " + at);
            }
            return bytes[at++] & 0xFF;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = read();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new CorruptBlockException("a block has a number longer than 64 bits at byte " + at);
        }

        String string() {
            long length = varint();
            if (length < 0 || length > bytes.length - at) {
                throw new CorruptBlockException("a block has a field of " + length + " bytes at byte " + at);
            }
            String s = new String(bytes, at, (int) length, StandardCharsets.UTF_8);
            at += (int) length;
            return s;
        }

        boolean atEnd() {
            return at == bytes.length;
        }
    }
}
