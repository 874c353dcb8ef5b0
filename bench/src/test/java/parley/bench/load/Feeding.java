package parley.bench.load;

import java.nio.ByteBuffer;

/** Feeds a decoder the way the load loop does: chunks appended to a buffer, consumed, compacted. */
final class Feeding {

    private Feeding() {
    }

    /** Feeds {@code bytes} in pieces cut at {@code cuts} (ascending offsets). */
    static void feed(WireAdapter.Decoder decoder, byte[] bytes, int[] cuts, WireAdapter.Events events) {
        ByteBuffer in = ByteBuffer.allocate(bytes.length + 16);
        int from = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int to = i < cuts.length ? cuts[i] : bytes.length;
            in.put(bytes, from, to - from);
            in.flip();
            decoder.feed(in, events);
            in.compact();
            from = to;
        }
    }
}
