package parley.client.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lines sent before, for Up and Down. Walking up keeps the line you were typing as a draft that Down brings back.
 */
public final class InputHistory {

    /** At least the 500 lines promised. */
    public static final int DEFAULT_CAPACITY = 1_000;

    private final int capacity;
    private final List<String> lines = new ArrayList<>();
    private int position;   // == lines.size() while not browsing
    private String draft = "";

    public InputHistory(int capacity) {
        this.capacity = capacity;
    }

    /** Remembers a sent line (not blanks, not a repeat of the last one) and stops browsing. */
    public void add(String line) {
        if (!line.isBlank() && (lines.isEmpty() || !lines.get(lines.size() - 1).equals(line))) {
            lines.add(line);
            if (lines.size() > capacity) {
                lines.remove(0);
            }
        }
        position = lines.size();
        draft = "";
    }

    /** The line before the one shown, given what is in the input now; empty at the oldest. */
    public Optional<String> previous(String current) {
        if (position == 0) {
            return Optional.empty();
        }
        if (position == lines.size()) {
            draft = current;
        }
        return Optional.of(lines.get(--position));
    }

    /** The line after the one shown, or the draft at the end; empty when not browsing. */
    public Optional<String> next() {
        if (position >= lines.size()) {
            return Optional.empty();
        }
        position++;
        return Optional.of(position == lines.size() ? draft : lines.get(position));
    }

    public int size() {
        return lines.size();
    }
}
