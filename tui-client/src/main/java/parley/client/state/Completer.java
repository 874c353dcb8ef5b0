package parley.client.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Tab completion: nicks anywhere in the line ({@code nick: } at its start, {@code nick } elsewhere, also after
 * {@code @}), commands after a leading {@code /}. Pressing Tab again cycles through the candidates; any other key ends the cycle.
 */
public final class Completer {

    private List<String> candidates = List.of();
    private int next;
    private int wordStart;
    private String lastResult;

    /** Completes the word before the cursor in {@code line}; returns whether anything changed. */
    public boolean complete(InputLine line, Collection<String> nicks, Collection<String> commands) {
        if (lastResult != null && lastResult.equals(line.text()) && !candidates.isEmpty()) {
            return apply(line);     // Tab again: the next candidate in the same place
        }
        String before = line.text().substring(0, line.cursor());
        wordStart = before.lastIndexOf(' ') + 1;
        String word = before.substring(wordStart);
        boolean atStart = wordStart == 0;
        if (atStart && word.startsWith("/")) {
            candidates = matching(commands, word, " ");
        } else if (word.startsWith("@")) {
            wordStart++;
            candidates = matching(nicks, word.substring(1), " ");
        } else if (atStart && !word.isEmpty()) {
            candidates = matching(nicks, word, ": ");
        } else if (!word.isEmpty()) {
            candidates = matching(nicks, word, " ");     // anywhere else in the line, /msg ali<Tab> included
        } else {
            candidates = List.of();
        }
        next = 0;
        return !candidates.isEmpty() && apply(line);
    }

    /** Forgets the cycle (another key was pressed). */
    public void reset() {
        lastResult = null;
    }

    private boolean apply(InputLine line) {
        line.replaceBeforeCursor(wordStart, candidates.get(next));
        next = (next + 1) % candidates.size();
        lastResult = line.text();
        return true;
    }

    private static List<String> matching(Collection<String> names, String prefix, String suffix) {
        String wanted = prefix.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        for (String name : names) {
            if (name.toLowerCase(Locale.ROOT).startsWith(wanted)) {
                out.add(name + suffix);
            }
        }
        out.sort(Comparator.comparing((String s) -> s.toLowerCase(Locale.ROOT)).thenComparing(s -> s));
        return out;
    }
}
