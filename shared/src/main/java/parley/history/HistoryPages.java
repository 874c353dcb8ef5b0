package parley.history;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;

/** The three page shapes over one room's lines keyed by id, shared by every store. */
public final class HistoryPages {

    private HistoryPages() {
    }

    /** The last {@code limit} lines, oldest first. */
    public static List<StoredLine> latest(NavigableMap<Long, StoredLine> lines, int limit) {
        List<StoredLine> page = new ArrayList<>(Math.min(limit, lines.size()));
        for (StoredLine line : lines.descendingMap().values()) {
            if (page.size() == limit) {
                break;
            }
            page.add(line);
        }
        Collections.reverse(page);
        return page;
    }

    /** The last {@code limit} lines with an id below {@code id}, oldest first. */
    public static List<StoredLine> before(NavigableMap<Long, StoredLine> lines, long id, int limit) {
        return latest(lines.headMap(id, false), limit);
    }

    /** The first {@code limit} lines with an id above {@code id}, oldest first. */
    public static List<StoredLine> after(NavigableMap<Long, StoredLine> lines, long id, int limit) {
        List<StoredLine> page = new ArrayList<>();
        for (StoredLine line : lines.tailMap(id, false).values()) {
            if (page.size() == limit) {
                break;
            }
            page.add(line);
        }
        return page;
    }
}
