package parley.core;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A fake connection: keeps every buffer the core sends, and decodes them as the UTF-8 lines a client would
 * read. Decoding reads a {@code duplicate()}, never the shared buffer itself, exactly as a real backend must.
 */
final class RecordingOutbound implements Outbound {

    /** Every buffer as it was handed over (the very instance, to check sharing). */
    final List<ByteBuffer> buffers = new ArrayList<>();
    /** Reasons given to {@link #closeAfterFlush}, in order. */
    final List<String> closeReasons = new ArrayList<>();
    /** Sends and closes in the order they happened, e.g. {@code send:...} and {@code close:quit}. */
    final List<String> calls = new ArrayList<>();
    private int seen;

    @Override
    public void send(ByteBuffer line) {
        buffers.add(line);
        calls.add("send:" + decode(line));
    }

    @Override
    public void closeAfterFlush(String reason) {
        closeReasons.add(reason);
        calls.add("close:" + reason);
    }

    /** Every line received so far, without the LF. */
    List<String> lines() {
        return buffers.stream().map(RecordingOutbound::decode).toList();
    }

    /** The lines received since the last call (or since the start). */
    List<String> newLines() {
        List<String> all = lines();
        List<String> fresh = new ArrayList<>(all.subList(seen, all.size()));
        seen = all.size();
        return fresh;
    }

    ByteBuffer lastBuffer() {
        return buffers.get(buffers.size() - 1);
    }

    /** One wire line: UTF-8 ending in exactly one LF, which is removed. Leaves {@code shared} untouched. */
    static String decode(ByteBuffer shared) {
        ByteBuffer mine = shared.duplicate();
        byte[] bytes = new byte[mine.remaining()];
        mine.get(bytes);
        String line = new String(bytes, UTF_8);
        if (!line.endsWith("\n") || line.indexOf('\n') != line.length() - 1) {
            throw new AssertionError("not exactly one LF-terminated line: " + new ArrayList<>(List.of(line)));
        }
        return line.substring(0, line.length() - 1);
    }
}
