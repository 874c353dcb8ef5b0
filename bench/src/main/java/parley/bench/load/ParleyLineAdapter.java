package parley.bench.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import parley.protocol.ChatEvent;
import parley.protocol.TextFormat;

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
 * Message lines are recognised on bytes, without making a String ({@link TextFormat#messageTextAt}); every other
 * line is rare, and read by {@link TextFormat#parse}.
 */
public final class ParleyLineAdapter implements WireAdapter {

    /** Reads the rare lines; their times are not used, so the zone and day do not matter. */
    private static final TextFormat TEXT = new TextFormat(ZoneOffset.UTC);

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
                    line(a, start, len, localAddress, room, events);
                    start = i + 1;
                }
            }
            in.position(start - base);
        };
    }

    private static void line(byte[] a, int off, int len, String localAddress, String room, Events events) {
        int text = TextFormat.messageTextAt(a, off, len);
        if (text >= 0) {
            events.payload(a, text, off + len - text);
            return;
        }
        ChatEvent e = TEXT.parse(new String(a, off, len, StandardCharsets.UTF_8), LocalDate.EPOCH).orElse(null);
        if (e instanceof ChatEvent.Join j && j.room().equals(room) && j.who().address().equals(localAddress)) {
            events.ready();
        } else if (e instanceof ChatEvent.Leave l && l.room().equals(room)) {
            events.departure(l.who().address(), l.reason());    // not the lobby, left on joining ours
        } else if (e instanceof ChatEvent.Error r) {
            events.error(r.text());
        }
    }
}
