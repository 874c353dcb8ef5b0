package parley.core;

import java.util.List;
import parley.history.HistoryStore;
import parley.history.StoredLine;
import parley.protocol.Command;

/**
 * One answer to a history fetch, read from a store outside the core's lock: the page, oldest first, and how many
 * lines of the room lie beyond it in the request's direction (see {@link parley.protocol.HistoryBatch#more()}).
 */
record HistoryPage(List<StoredLine> lines, long more) {

    /** Reads what {@code request} asks for in the room the store knows as {@code room}; may touch the disk. */
    static HistoryPage read(HistoryStore store, String room, Command.History request) {
        int limit = request.limit();
        return switch (request.direction()) {
            case LATEST -> older(store, room, store.latest(room, limit), limit, 0);
            case BEFORE -> older(store, room, store.before(room, request.id(), limit), limit, 0);
            case SINCE -> older(store, room, store.latest(room, limit).stream()
                    .filter(line -> line.id() > request.id()).toList(), limit, request.id());
            case AFTER -> {
                List<StoredLine> page = store.after(room, request.id(), limit);
                long more = page.size() < limit ? 0 : store.count(room, page.get(page.size() - 1).id(), Long.MAX_VALUE);
                yield new HistoryPage(page, more);
            }
        };
    }

    /** A page that ends at the newest end: what lies between {@code floorId} and its first line is "more". */
    private static HistoryPage older(HistoryStore store, String room, List<StoredLine> page, int limit, long floorId) {
        long more = page.size() < limit ? 0 : store.count(room, floorId, page.get(0).id());
        return new HistoryPage(page, more);
    }
}
