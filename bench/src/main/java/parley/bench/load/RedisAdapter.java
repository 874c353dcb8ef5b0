package parley.bench.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Redis pub/sub as a chat room, in RESP3 so one connection can both SUBSCRIBE and PUBLISH (in RESP2 a
 * subscribed connection may not publish). A client sends {@code HELLO 3} and {@code SUBSCRIBE room}; it
 * publishes with {@code PUBLISH room text} and, being subscribed, receives its own messages like everyone
 * else, as parley's senders do.
 *
 * <pre>
 *  &gt;3 $9 subscribe $n room :1            ready
 *  &gt;3 $7 message $n room $n TEXT         a payload
 *  :100                                  PUBLISH's reply (receivers counted): ignored
 *  %7 ...                                HELLO's reply: skipped
 *  -ERR ...                              an error
 * </pre>
 *
 * (Spaces stand for CRLF above.) The decoder parses in place on bytes; it allocates only for errors.
 */
public final class RedisAdapter implements WireAdapter {

    private static final byte[] MESSAGE = "message".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUBSCRIBE = "subscribe".getBytes(StandardCharsets.US_ASCII);
    private static final int INCOMPLETE = -1;

    @Override
    public String protocol() {
        return "redis";
    }

    @Override
    public byte[] join(String room) {
        return (command("HELLO", "3") + command("SUBSCRIBE", room)).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Publisher publisher(String room) {
        byte[] r = room.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("*3\r\n$7\r\nPUBLISH\r\n$" + r.length + "\r\n" + room + "\r\n$")
                .getBytes(StandardCharsets.UTF_8);
        return new Publisher() {
            @Override
            public void publish(ByteBuffer out, byte[] text, int offset, int length) {
                out.put(head);
                putDecimal(out, length);
                out.put((byte) '\r').put((byte) '\n').put(text, offset, length).put((byte) '\r').put((byte) '\n');
            }

            @Override
            public int maxLength(int textLength) {
                return head.length + 10 + 4 + textLength;
            }
        };
    }

    private static void putDecimal(ByteBuffer out, int value) {
        int digits = 1;
        for (int v = value; v >= 10; v /= 10) {
            digits++;
        }
        int at = out.position() + digits;
        int v = value;
        do {
            out.put(--at, (byte) ('0' + v % 10));
            v /= 10;
        } while (v > 0);
        out.position(out.position() + digits);
    }

    /** One command as a RESP array of bulk strings. */
    public static String command(String... words) {
        StringBuilder b = new StringBuilder().append('*').append(words.length).append("\r\n");
        for (String w : words) {
            b.append('$').append(w.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(w).append("\r\n");
        }
        return b.toString();
    }

    @Override
    public Decoder decoder(String localAddress, String room) {
        return (in, events) -> {
            byte[] a = in.array();
            int base = in.arrayOffset();
            int pos = base + in.position();
            int end = base + in.limit();
            while (pos < end) {
                int next = topLevel(a, pos, end, events);
                if (next == INCOMPLETE) {
                    break;
                }
                pos = next;
            }
            in.position(pos - base);
        };
    }

    /** Handles one top-level value at {@code pos}; returns where the next one starts, or INCOMPLETE. */
    private static int topLevel(byte[] a, int pos, int end, Events events) {
        byte type = a[pos];
        if (type == '>') {
            return push(a, pos, end, events);
        }
        int next = skip(a, pos, end);
        if (next != INCOMPLETE && type == '-') {
            events.error(new String(a, pos + 1, next - pos - 3, StandardCharsets.UTF_8));
        }
        return next;
    }

    /** A push: {@code message} carries a payload, {@code subscribe} confirms the room. */
    private static int push(byte[] a, int pos, int end, Events events) {
        int eol = lineEnd(a, pos, end);
        if (eol == INCOMPLETE) {
            return INCOMPLETE;
        }
        long count = number(a, pos + 1, eol);
        int p = eol + 2;
        int kindStart = INCOMPLETE;
        int kindLen = 0;
        int lastStart = INCOMPLETE;
        int lastLen = 0;
        for (long i = 0; i < count; i++) {
            if (p >= end) {
                return INCOMPLETE;
            }
            int valueStart = p;
            int next = skip(a, p, end);
            if (next == INCOMPLETE) {
                return INCOMPLETE;
            }
            if (a[valueStart] == '$') {
                int hdr = lineEnd(a, valueStart, end);
                int dataStart = hdr + 2;
                int dataLen = next - 2 - dataStart;
                if (i == 0) {
                    kindStart = dataStart;
                    kindLen = dataLen;
                }
                lastStart = dataStart;
                lastLen = dataLen;
            }
            p = next;
        }
        if (kindStart != INCOMPLETE) {
            if (equals(a, kindStart, kindLen, MESSAGE) && count == 3) {
                events.payload(a, lastStart, lastLen);
            } else if (equals(a, kindStart, kindLen, SUBSCRIBE)) {
                events.ready();
            }
        }
        return p;
    }

    /** Skips one value of any RESP2/RESP3 type; returns the index after it, or INCOMPLETE. */
    static int skip(byte[] a, int pos, int end) {
        if (pos >= end) {
            return INCOMPLETE;
        }
        int eol = lineEnd(a, pos, end);
        if (eol == INCOMPLETE) {
            return INCOMPLETE;
        }
        byte type = a[pos];
        switch (type) {
            case '$', '=', '!' -> {
                long len = number(a, pos + 1, eol);
                if (len < 0) {
                    return eol + 2; // null bulk string
                }
                long after = eol + 2 + len + 2;
                return after <= end ? (int) after : INCOMPLETE;
            }
            case '*', '>', '~', '%', '|' -> {
                long n = number(a, pos + 1, eol);
                long items = type == '%' || type == '|' ? 2 * n : n;
                int p = eol + 2;
                for (long i = 0; i < items; i++) {
                    p = skip(a, p, end);
                    if (p == INCOMPLETE) {
                        return INCOMPLETE;
                    }
                }
                int after = p;
                if (type == '|') {
                    return skip(a, after, end); // an attribute precedes the value it describes
                }
                return after;
            }
            default -> {
                return eol + 2; // + - : _ # , ( : one line
            }
        }
    }

    /** Index of the CR of the CRLF ending the line at {@code pos}, or INCOMPLETE. */
    private static int lineEnd(byte[] a, int pos, int end) {
        for (int i = pos; i + 1 < end; i++) {
            if (a[i] == '\r' && a[i + 1] == '\n') {
                return i;
            }
        }
        return INCOMPLETE;
    }

    private static long number(byte[] a, int from, int to) {
        boolean negative = from < to && a[from] == '-';
        long v = 0;
        for (int i = negative ? from + 1 : from; i < to; i++) {
            v = v * 10 + (a[i] - '0');
        }
        return negative ? -v : v;
    }

    private static boolean equals(byte[] a, int off, int len, byte[] word) {
        if (len != word.length) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (a[off + i] != word[i]) {
                return false;
            }
        }
        return true;
    }
}
