package parley.bench.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * parley's text mode, as {@code nc} would speak it: a client sends {@code /join ROOM}, publishes by sending
 * its text as a line, and reads lines such as
 *
 * <pre>
 *  [14:02:07] -&gt; guest7 (127.0.0.1:50312) joined #bench-1a2b      (ours: ready)
 *  [14:02:09] &lt;guest3@127.0.0.1:50320&gt; b1a2b 3 17 2073311442 xxx   (a payload: the text after "&gt; ")
 *  [14:02:13] &lt;- guest9 (127.0.0.1:50330) left #bench-1a2b (slow consumer: ...)   (a departure)
 *  [14:02:14] !! unknown command ...                                (an error)
 * </pre>
 *
 * Message lines are recognised on bytes, without making a String; every other line is rare.
 */
public final class ParleyLineAdapter implements WireAdapter {

    /** {@code [HH:mm:ss] } is 11 bytes: the event starts at this index. */
    private static final int EVENT = 11;

    @Override
    public String protocol() {
        return "parley-text";
    }

    @Override
    public byte[] join(String room) {
        return ("/join " + room + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Publisher publisher(String room) {
        // Text mode: a line said in the room is a message to it (the payload never starts with a slash).
        return new Publisher() {
            @Override
            public void publish(ByteBuffer out, byte[] text, int offset, int length) {
                out.put(text, offset, length).put((byte) '\n');
            }

            @Override
            public int maxLength(int textLength) {
                return textLength + 1;
            }
        };
    }

    @Override
    public Decoder decoder(String localAddress, String room) {
        byte[] joined = ("(" + localAddress + ") joined #" + room).getBytes(StandardCharsets.UTF_8);
        String leftRoom = ") left #" + room;
        return (in, events) -> {
            byte[] a = in.array();
            int base = in.arrayOffset();
            int start = base + in.position();
            int end = base + in.limit();
            for (int i = start; i < end; i++) {
                if (a[i] == '\n') {
                    int len = i - start;
                    if (len > 0 && a[i - 1] == '\r') {
                        len--;
                    }
                    line(a, start, len, joined, leftRoom, events);
                    start = i + 1;
                }
            }
            in.position(start - base);
        };
    }

    private static void line(byte[] a, int off, int len, byte[] joined, String leftRoom, Events events) {
        if (len <= EVENT + 2 || a[off] != '[' || a[off + EVENT - 2] != ']') {
            return;
        }
        int e = off + EVENT;
        byte c0 = a[e];
        byte c1 = a[e + 1];
        if (c0 == '<' && !(c1 == '-' && a[e + 2] == ' ')) {
            for (int i = e + 1; i < off + len - 1; i++) {
                if (a[i] == '>' && a[i + 1] == ' ') {
                    events.payload(a, i + 2, off + len - i - 2);
                    return;
                }
            }
        } else if (c0 == '-' && c1 == '>') {
            if (contains(a, off, len, joined)) {
                events.ready();
            }
        } else if (c0 == '<' && c1 == '-') {
            departure(new String(a, e, off + len - e, StandardCharsets.UTF_8), leftRoom, events);
        } else if (c0 == '!' && c1 == '!') {
            events.error(new String(a, e + 3, Math.max(0, off + len - e - 3), StandardCharsets.UTF_8));
        }
    }

    /** {@code <- nick (addr) left #room (reason)}, for our room only (not the lobby left on joining). */
    private static void departure(String event, String leftRoom, Events events) {
        int open = event.indexOf(" (");
        int close = event.indexOf(leftRoom);
        if (open < 0 || close < open) {
            return;
        }
        int after = close + leftRoom.length();
        if (after < event.length() && event.charAt(after) != ' ') {
            return; // a room whose name merely starts with ours
        }
        String address = event.substring(open + 2, close);
        int reasonStart = event.indexOf(" (", close + 1);
        String reason = reasonStart < 0 || !event.endsWith(")") ? ""
                : event.substring(reasonStart + 2, event.length() - 1);
        events.departure(address, reason);
    }

    private static boolean contains(byte[] a, int off, int len, byte[] needle) {
        outer:
        for (int i = off; i + needle.length <= off + len; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (a[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
