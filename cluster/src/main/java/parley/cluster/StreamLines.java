package parley.cluster;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import parley.history.StoredLine;
import redis.clients.jedis.resps.StreamEntry;

/**
 * A line as the fields of a stream entry, and back: {@code t} time (ISO-8601), {@code k} M or A,
 * {@code n} nick, {@code a} address, {@code x} text. The entry's id {@code N-0} is the line's id N.
 */
final class StreamLines {

    private StreamLines() {
    }

    /** The script's arguments after the sequence and the cap, in the order it writes them. */
    static List<String> fields(Instant time, StoredLine.Kind kind, String nick, String address, String text) {
        return List.of(time.toString(), kind == StoredLine.Kind.ACTION ? "A" : "M", nick, address, text);
    }

    static StoredLine line(String roomKey, StreamEntry entry) {
        Map<String, String> f = entry.getFields();
        return new StoredLine(roomKey, entry.getID().getTime(), Instant.parse(f.get("t")),
                "A".equals(f.get("k")) ? StoredLine.Kind.ACTION : StoredLine.Kind.MESSAGE,
                f.get("n"), f.get("a"), f.get("x"));
    }
}
