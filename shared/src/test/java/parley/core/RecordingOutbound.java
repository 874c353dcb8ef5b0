package parley.core;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A fake connection: keeps every buffer the core sends, and decodes them as the UTF-8 lines a client would
 * read (a buffer holds one line, or a run of whole lines from a {@link ChatCore#batch}). Decoding reads a
 * {@code duplicate()}, never the shared buffer itself, exactly as a real backend must.
 */
final class RecordingOutbound implements Outbound {

    /** Every buffer as it was handed over (the very instance, to check sharing). */
    final List<ByteBuffer> buffers = new ArrayList<>();
    /** Reasons given to {@link #closeAfterFlush}, in order. */
    final List<String> closeReasons = new ArrayList<>();
    /** Sends and closes in the order they happened, e.g. {@code send:...} and {@code close:quit}. */
    final List<String> calls = new ArrayList<>();
    private int seen;
    /** Whether a buffer may hold several lines (a batch's run); otherwise exactly one, as outside a batch. */
    private final boolean runs;

    /** A connection that takes one line per send: what the core sends outside a {@link ChatCore#batch}. */
    RecordingOutbound() {
        this(false);
    }

    /** @param runs whether a send may carry a run of whole lines, as inside a {@link ChatCore#batch} */
    RecordingOutbound(boolean runs) {
        this.runs = runs;
    }

    @Override
    public void send(ByteBuffer line) {
        buffers.add(line);
        List<String> lines = decodeRun(line);
        if (!runs && lines.size() != 1) {
            throw new AssertionError("not exactly one LF-terminated line: " + lines);
        }
        lines.forEach(l -> calls.add("send:" + l));
    }

    @Override
    public void closeAfterFlush(String reason) {
        closeReasons.add(reason);
        calls.add("close:" + reason);
    }

    /** Every line received so far, without the LF. */
    List<String> lines() {
        return buffers.stream().flatMap(b -> decodeRun(b).stream()).toList();
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

    /** Whole wire lines, each ending in LF (removed); at least one. Leaves {@code shared} untouched. */
    static List<String> decodeRun(ByteBuffer shared) {
        ByteBuffer mine = shared.duplicate();
        byte[] bytes = new byte[mine.remaining()];
        mine.get(bytes);
        String run = new String(bytes, UTF_8);
        if (!run.endsWith("\n")) {
            throw new AssertionError("not whole LF-terminated lines: " + new ArrayList<>(List.of(run)));
        }
        return List.of(run.substring(0, run.length() - 1).split("\n", -1));
    }
}
