package parley.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns a stream of bytes into lines, incrementally, for both backends.
 *
 * <p>Bytes arrive in whatever pieces TCP delivers; a partial line is kept until its LF arrives. A line ends
 * in LF or CRLF, and its content (without the terminator) may be at most {@code maxLineBytes} long. A longer
 * line is reported once, as soon as it is known to be too long (not when its LF finally arrives), and its
 * remaining bytes are skipped up to the next LF, so a client streaming bytes with no newline costs at most
 * {@code maxLineBytes} of memory. Invalid UTF-8 becomes U+FFFD; it never fails.
 *
 * <p>The partial-line buffer exists only while a line is incomplete: an idle connection holds none.
 * Not thread-safe: one decoder belongs to one connection and is fed by one thread at a time.
 */
public final class LineDecoder {

    /** Where decoded lines go. */
    public interface Sink {
        void line(String line);

        /** A line exceeded the limit; its bytes are being discarded up to the next LF. */
        void lineTooLong(int maxLineBytes);

        /**
         * Asked after each line: false makes {@link #feed} return at once, with the buffer positioned just
         * after that line, so the caller can keep the rest as bytes.
         */
        default boolean wantsMore() {
            return true;
        }
    }

    private static final int FIRST_BUFFER = 128;

    private final int maxLineBytes;
    private byte[] partial;
    private int partialLength;
    private boolean discarding;

    public LineDecoder(int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive: " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Consumes the remaining bytes of {@code in}, handing each complete line to {@code sink} in order, until
     * they are all consumed or the sink no longer {@linkplain Sink#wantsMore wants more}.
     */
    public void feed(ByteBuffer in, Sink sink) {
        while (in.hasRemaining() && sink.wantsMore()) {
            int start = in.position();
            int newline = indexOfNewline(in, start);
            int end = newline < 0 ? in.limit() : newline;
            if (discarding) {
                discarding = newline < 0;
            } else if (partialLength + (end - start) > maxLineBytes + 1) {
                // +1: a line of exactly maxLineBytes may still be waiting for the LF of its CRLF.
                dropPartial();
                discarding = newline < 0;
                sink.lineTooLong(maxLineBytes);
            } else if (newline < 0) {
                append(in, start, end);
            } else {
                completeLine(in, start, end, sink);
            }
            in.position(newline < 0 ? end : newline + 1);
        }
    }

    /** Bytes currently held for an incomplete line (0 when idle). */
    public int bufferedBytes() {
        return partial == null ? 0 : partial.length;
    }

    private void completeLine(ByteBuffer in, int start, int end, Sink sink) {
        byte[] bytes;
        int offset = 0;
        int length;
        if (partialLength > 0) {
            append(in, start, end);
            bytes = partial;
            length = partialLength;
        } else if (in.hasArray()) { // a heap buffer: decoded where it lies, no copy made first
            bytes = in.array();
            offset = in.arrayOffset() + start;
            length = end - start;
        } else {
            length = end - start;
            bytes = new byte[length];
            in.get(start, bytes, 0, length);
        }
        if (length > 0 && bytes[offset + length - 1] == '\r') {
            length--;
        }
        dropPartial();
        if (length > maxLineBytes) {
            sink.lineTooLong(maxLineBytes);
        } else {
            sink.line(new String(bytes, offset, length, StandardCharsets.UTF_8));
        }
    }

    private void append(ByteBuffer in, int start, int end) {
        int needed = partialLength + (end - start);
        if (partial == null) {
            // Never more than the limit allows, even when the limit is below FIRST_BUFFER.
            partial = new byte[Math.min(Math.max(FIRST_BUFFER, needed), maxLineBytes + 1)];
        } else if (needed > partial.length) {
            partial = Arrays.copyOf(partial, Math.max(needed, Math.min(partial.length * 2, maxLineBytes + 1)));
        }
        in.get(start, partial, partialLength, end - start);
        partialLength = needed;
    }

    private void dropPartial() {
        partial = null;
        partialLength = 0;
    }

    private static int indexOfNewline(ByteBuffer in, int from) {
        for (int i = from, limit = in.limit(); i < limit; i++) {
            if (in.get(i) == '\n') {
                return i;
            }
        }
        return -1;
    }
}
