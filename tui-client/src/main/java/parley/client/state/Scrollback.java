package parley.client.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Which rows of the log the message pane shows.
 *
 * <p>Either it follows the newest line, or it is held at an anchor: an entry (by sequence number) and a row
 * within that entry, shown on the pane's bottom row. New entries are appended below an anchor, so reading
 * history is never yanked away; a re-wrap after a resize keeps the same entry in view. While held, the pane's
 * last row is given to the "N new below" marker.
 */
public final class Scrollback {

    private record Pos(int index, int row) {
    }

    private final MessageLog log;
    /** Below this pane width the address column is left out: the words need the room more. */
    public static final int ADDRESS_MIN_WIDTH = 60;

    private int width = 80;
    private int height = 20;
    private int addressWidth;
    private long anchorSeq = -1;
    private int anchorRow;
    private int newBelow;
    private int unread;
    /** The last entry before the last {@code /clear}: hidden while following, reachable by scrolling up. */
    private long clearedThrough = -1;

    public Scrollback(MessageLog log) {
        this.log = log;
    }

    /** The pane's size in columns and rows; wrapping follows at once. */
    public void resize(int columns, int rows) {
        this.width = Math.max(1, columns);
        this.height = Math.max(1, rows);
    }

    public int width() {
        return width;
    }

    /** Addresses get a column {@code columns} wide (0: hidden); wrapping follows at once. */
    public void addressWidth(int columns) {
        addressWidth = Math.max(0, columns);
    }

    /** The address column's width in this pane: 0 when hidden or when the pane is too narrow for it. */
    public int addressColumn() {
        return width >= ADDRESS_MIN_WIDTH ? addressWidth : 0;
    }

    public boolean following() {
        return anchorSeq < 0;
    }

    /** Entries appended since the view was held. */
    public int newBelow() {
        return newBelow;
    }

    /** Messages (not notices) appended since the view was held. */
    public int unread() {
        return unread;
    }

    /** Call after each append, so the marker can count what arrived below. */
    public void appended(LogEntry entry) {
        if (!following()) {
            newBelow++;
            if (entry.spoken() && !entry.own()) {     // what you said yourself you have read
                unread++;
            }
        }
    }

    /** Whether the pane shows the log's first row: a PgUp can go no further without older history. */
    public boolean atTop() {
        Pos pos = bottom();
        int contentHeight = following() ? height : Math.max(1, height - 1);
        return pos == null || rowsFromTop(pos, contentHeight + 1) <= contentHeight;
    }

    /**
     * {@code /clear}: the pane shows nothing until new lines come, and what it showed stays in the log, one PgUp
     * away.
     */
    public void clear() {
        toBottom();
        LogEntry last = log.last();
        clearedThrough = last == null ? clearedThrough : last.seq();
    }

    public void toBottom() {
        anchorSeq = -1;
        anchorRow = 0;
        newBelow = 0;
        unread = 0;
    }

    public void pageUp() {
        scrollUp(Math.max(1, height - 2));
    }

    public void pageDown() {
        scrollDown(Math.max(1, height - 2));
    }

    public void scrollUp(int rows) {
        Pos pos = bottom();
        if (pos == null) {
            return;
        }
        int contentHeight = Math.max(1, height - 1);
        for (int i = 0; i < rows && rowsFromTop(pos, contentHeight + 1) > contentHeight; i++) {
            pos = up(pos);
        }
        boolean clearedAbove = !log.isEmpty() && log.get(0).seq() <= clearedThrough;
        if (!pos.equals(bottom()) || !following() || clearedAbove) {
            hold(pos);      // held, the pane shows what /clear hid
        }
    }

    public void scrollDown(int rows) {
        if (following()) {
            return;
        }
        Pos pos = bottom();
        for (int i = 0; i < rows; i++) {
            Pos next = down(pos);
            if (next == null) {
                toBottom();
                return;
            }
            pos = next;
        }
        if (down(pos) == null) {
            toBottom();
        } else {
            hold(pos);
        }
    }

    /** The rows to draw, top to bottom: at most the pane's height, one less while the marker is shown. */
    public List<Row> visibleRows() {
        int contentHeight = following() ? height : Math.max(1, height - 1);
        List<Row> out = new ArrayList<>(contentHeight);
        for (Pos pos = bottom(); pos != null && out.size() < contentHeight && !hiddenByClear(pos); pos = up(pos)) {
            out.add(rows(pos.index()).get(pos.row()));
        }
        Collections.reverse(out);
        return out;
    }

    private boolean hiddenByClear(Pos pos) {
        return following() && log.get(pos.index()).seq() <= clearedThrough;
    }

    private void hold(Pos pos) {
        if (following()) {
            newBelow = 0;
            unread = 0;
        }
        anchorSeq = log.get(pos.index()).seq();
        anchorRow = pos.row();
    }

    /** The position shown on the bottom row, or null for an empty log. */
    private Pos bottom() {
        if (log.isEmpty()) {
            return null;
        }
        if (!following()) {
            int index = log.indexAtOrAfter(anchorSeq);
            if (index >= 0) {
                boolean dropped = log.get(index).seq() != anchorSeq;
                int lastRow = rows(index).size() - 1;
                return new Pos(index, dropped ? 0 : Math.min(anchorRow, lastRow));
            }
            anchorSeq = -1;     // the anchor and everything after it are gone (cleared): follow again
        }
        int last = log.size() - 1;
        return new Pos(last, rows(last).size() - 1);
    }

    private Pos up(Pos pos) {
        if (pos.row() > 0) {
            return new Pos(pos.index(), pos.row() - 1);
        }
        if (pos.index() == 0) {
            return null;
        }
        return new Pos(pos.index() - 1, rows(pos.index() - 1).size() - 1);
    }

    private Pos down(Pos pos) {
        if (pos.row() < rows(pos.index()).size() - 1) {
            return new Pos(pos.index(), pos.row() + 1);
        }
        return pos.index() + 1 < log.size() ? new Pos(pos.index() + 1, 0) : null;
    }

    /** Rows from the top of the log down to {@code pos} inclusive, counting no further than {@code limit}. */
    private int rowsFromTop(Pos pos, int limit) {
        int count = 0;
        for (Pos p = pos; p != null && count < limit; p = up(p)) {
            count++;
        }
        return count;
    }

    private List<Row> rows(int index) {
        return log.get(index).rows(width, addressColumn());
    }
}
