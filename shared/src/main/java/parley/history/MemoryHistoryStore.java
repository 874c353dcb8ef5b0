package parley.history;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * History in memory only ({@code --data none}): the last {@code linesPerRoom} lines of each room, gone when
 * the server stops. Rooms keep their lines when they empty; past {@code maxRooms} rooms the one spoken in
 * least recently is forgotten, so someone creating rooms without end cannot grow the heap without end.
 * Ids start at 1 at every start: nothing outlives the process that could be confused by them.
 */
public final class MemoryHistoryStore implements HistoryStore {

    private static final NavigableMap<Long, StoredLine> EMPTY = Collections.emptyNavigableMap();

    private final int linesPerRoom;
    private final Map<String, NavigableMap<Long, StoredLine>> rooms;
    private long lastId;
    private long stored;
    /** The room of the last append: the last in {@link #rooms}' order already, so it need not be moved. */
    private String lastRoom;

    public MemoryHistoryStore(int linesPerRoom, int maxRooms) {
        if (linesPerRoom < 0 || maxRooms < 1) {
            throw new IllegalArgumentException("linesPerRoom >= 0 and maxRooms >= 1, got " + linesPerRoom
                    + " and " + maxRooms);
        }
        this.linesPerRoom = linesPerRoom;
        // Insertion order, and append re-inserts its room: the eldest is the room spoken in least recently.
        this.rooms = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, NavigableMap<Long, StoredLine>> eldest) {
                return size() > maxRooms;
            }
        };
    }

    @Override
    public synchronized StoredLine append(String room, StoredLine.Kind kind, Instant time, String nick,
                                          String address, String text) {
        StoredLine line = new StoredLine(room, ++lastId, time, kind, nick, address, text);
        if (linesPerRoom > 0) {
            NavigableMap<Long, StoredLine> lines = room.equals(lastRoom) ? rooms.get(room) : null;
            if (lines == null) { // moved to the end: re-inserted (a room that talks on is not moved per line)
                lines = rooms.remove(room);
                if (lines == null) {
                    lines = new TreeMap<>();
                }
                rooms.put(room, lines);
                lastRoom = room;
            }
            lines.put(line.id(), line);
            if (lines.size() > linesPerRoom) {
                lines.pollFirstEntry();
            }
            stored++;
        }
        return line;
    }

    @Override
    public synchronized List<StoredLine> latest(String room, int limit) {
        return HistoryPages.latest(lines(room), HistoryStore.pageSize(limit));
    }

    @Override
    public synchronized List<StoredLine> before(String room, long beforeId, int limit) {
        return HistoryPages.before(lines(room), beforeId, HistoryStore.pageSize(limit));
    }

    @Override
    public synchronized List<StoredLine> after(String room, long afterId, int limit) {
        return HistoryPages.after(lines(room), afterId, HistoryStore.pageSize(limit));
    }

    @Override
    public synchronized long count(String room, long afterId, long beforeId) {
        return afterId >= beforeId ? 0 : lines(room).subMap(afterId, false, beforeId, false).size();
    }

    @Override
    public synchronized long lastIssuedId() {
        return lastId;
    }

    private NavigableMap<Long, StoredLine> lines(String room) {
        return rooms.getOrDefault(room, EMPTY);
    }

    @Override
    public synchronized HistoryStatus status() {
        return new HistoryStatus("memory, the last " + linesPerRoom + " lines per room", null, stored, 0, 0, 0,
                lastId);
    }

    @Override
    public void close() {
        // Nothing to release: the lines go with the heap.
    }
}
