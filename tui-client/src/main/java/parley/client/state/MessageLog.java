package parley.client.state;

import java.util.ArrayList;
import java.util.List;

/**
 * The scrollback: entries in arrival order, at most {@code capacity} of them (the oldest go first).
 *
 * <p>Entries are found by sequence number rather than index, so a position kept by the scroll view stays right
 * while old entries are dropped from the front.
 */
public final class MessageLog {

    /** The scrollback kept when nothing else is asked for: comfortably above the 5,000 lines promised. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final int capacity;
    /**
     * Sequence numbers start high so that older pages put in front ({@link #prepend}) get smaller ones and the
     * list stays sorted by them.
     */
    private static final long FIRST_SEQ = 1L << 40;

    private final List<LogEntry> entries = new ArrayList<>();
    private long nextSeq = FIRST_SEQ;
    private long firstSeq = FIRST_SEQ;

    public MessageLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    public void append(LogEntry entry) {
        entry.assignSeq(nextSeq++);
        entries.add(entry);
        // Trim in chunks: removing from the front of an ArrayList is O(n), so do it rarely.
        int slack = Math.max(1, capacity / 10);
        if (entries.size() > capacity + slack) {
            entries.subList(0, entries.size() - capacity).clear();
        }
    }

    /**
     * Puts {@code older} (oldest first) in front of everything: a page of older history. A full log keeps its
     * newest lines, so a page put in front of a full log may be dropped again by the next append.
     */
    public void prepend(List<LogEntry> older) {
        for (int i = older.size() - 1; i >= 0; i--) {
            older.get(i).assignSeq(--firstSeq);
        }
        entries.addAll(0, older);
    }

    /** Takes {@code entry} out (the read marker, when the person leaves its window); no-op if it is gone. */
    public void remove(LogEntry entry) {
        int index = indexAtOrAfter(entry.seq());
        if (index >= 0 && entries.get(index) == entry) {
            entries.remove(index);
        }
    }

    public void clear() {
        entries.clear();
    }

    /** Entries kept now; may briefly exceed the capacity by a tenth (see {@link #append}). */
    public int size() {
        return entries.size();
    }

    public int capacity() {
        return capacity;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public LogEntry get(int index) {
        return entries.get(index);
    }

    public LogEntry last() {
        return entries.isEmpty() ? null : entries.get(entries.size() - 1);
    }

    /** The index of the entry with {@code seq}, or of the first later one if it was dropped; -1 if none. */
    public int indexAtOrAfter(long seq) {
        int lo = 0;
        int hi = entries.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long s = entries.get(mid).seq();
            if (s < seq) {
                lo = mid + 1;
            } else if (s > seq) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return lo < entries.size() ? lo : -1;
    }

    /** The newest {@code count} entries, oldest first. */
    public List<LogEntry> tail(int count) {
        return List.copyOf(entries.subList(Math.max(0, entries.size() - count), entries.size()));
    }
}
