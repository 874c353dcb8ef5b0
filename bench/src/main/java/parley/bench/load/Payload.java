package parley.bench.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The text every benchmark message carries, the same for every target:
 *
 * <pre>
 *  b&lt;run&gt; &lt;sender&gt; &lt;seq&gt; &lt;sendNanos&gt; xxxxxxxx...     padded with x to the payload size
 *  b7f3a 3 1542 2073311442 xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
 * </pre>
 *
 * {@code run} (hex) tells this run's messages from any other's (a shared {@code line://} server, replayed
 * history); {@code sendNanos} is {@code System.nanoTime()} minus the run's origin, so it is the same clock
 * for every thread of the one process that sends and receives. Parsing works on bytes and allocates nothing.
 */
public final class Payload {

    /** What a parsed payload says. */
    @FunctionalInterface
    public interface Sink {
        void message(int sender, long seq, long sendNanos);
    }

    private final long run;
    private final int size;
    private final byte[] prefix;

    /**
     * @param run  this run's id (non-negative)
     * @param size bytes of text per message; a message is never shorter than its header
     */
    public Payload(long run, int size) {
        if (run < 0) {
            throw new IllegalArgumentException("run id must not be negative");
        }
        this.run = run;
        this.size = size;
        this.prefix = ("b" + Long.toHexString(run) + " ").getBytes(StandardCharsets.US_ASCII);
    }

    public long run() {
        return run;
    }

    /** The longest text {@link #encode} can produce. */
    public int maxLength() {
        return Math.max(size, prefix.length + 3 * 20);
    }

    /** Writes one message's text into {@code out}; returns its length. */
    public int encode(ByteBuffer out, int sender, long seq, long sendNanos) {
        int start = out.position();
        out.put(prefix);
        putDecimal(out, sender);
        out.put((byte) ' ');
        putDecimal(out, seq);
        out.put((byte) ' ');
        putDecimal(out, sendNanos);
        if (out.position() - start < size) {
            out.put((byte) ' ');
        }
        while (out.position() - start < size) {
            out.put((byte) 'x');
        }
        return out.position() - start;
    }

    /** The text of one message as a byte array (for adapters that need the length before the bytes). */
    public byte[] encode(int sender, long seq, long sendNanos) {
        ByteBuffer b = ByteBuffer.allocate(maxLength());
        encode(b, sender, seq, sendNanos);
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    /**
     * Parses {@code len} bytes at {@code off} and hands the fields to {@code sink}.
     *
     * @return false when the text is not a message of this run (someone else's line, another run's message)
     */
    public boolean parse(byte[] a, int off, int len, Sink sink) {
        int end = off + len;
        if (len < prefix.length + 5) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (a[off + i] != prefix[i]) {
                return false;
            }
        }
        int p = off + prefix.length;
        long sender = 0;
        long seq = 0;
        long nanos = 0;
        int field = 0;
        int digits = 0;
        for (; p <= end; p++) {
            byte c = p < end ? a[p] : (byte) ' ';
            if (c >= '0' && c <= '9') {
                long v = (c - '0');
                switch (field) {
                    case 0 -> sender = sender * 10 + v;
                    case 1 -> seq = seq * 10 + v;
                    default -> nanos = nanos * 10 + v;
                }
                if (++digits > 19) {
                    return false;
                }
            } else if (c == ' ' || c == '\r') {
                if (digits == 0) {
                    return false;
                }
                digits = 0;
                if (++field == 3) {
                    break;
                }
            } else {
                return false;
            }
        }
        if (field < 3 || sender > Integer.MAX_VALUE) {
            return false;
        }
        sink.message((int) sender, seq, nanos);
        return true;
    }

    private static void putDecimal(ByteBuffer out, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative field: " + value);
        }
        if (value < 10) {
            out.put((byte) ('0' + value));
            return;
        }
        int digits = 0;
        for (long v = value; v > 0; v /= 10) {
            digits++;
        }
        int at = out.position() + digits;
        for (long v = value; v > 0; v /= 10) {
            out.put(--at, (byte) ('0' + v % 10));
        }
        out.position(out.position() + digits);
    }
}
