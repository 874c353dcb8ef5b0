package parley.client.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The client's windows in the order they were opened (numbered from 1, as Alt-1..9 and {@code /window N} count),
 * and which one is in front. Never empty: the client starts with one room window, unnamed until the first
 * welcome names it.
 */
final class Windows {

    private final List<Window> all = new ArrayList<>();
    private final int logCapacity;
    private Window current;
    private int addressWidth;

    Windows(int logCapacity) {
        this.logCapacity = logCapacity;
        this.current = new Window(Window.Kind.ROOM, "", logCapacity);
        all.add(current);
    }

    Window current() {
        return current;
    }

    List<Window> all() {
        return List.copyOf(all);
    }

    int size() {
        return all.size();
    }

    /** Window {@code number}, from 1. */
    Window get(int number) {
        return all.get(number - 1);
    }

    int number(Window w) {
        return all.indexOf(w) + 1;
    }

    void forEach(Consumer<Window> action) {
        all.forEach(action);
    }

    /** Brings {@code w} to the front; the one it replaces is left (its read marker goes). */
    void show(Window w) {
        if (w != current) {
            current.left();
            current = w;
        }
        w.shown();
    }

    Optional<Window> find(Window.Kind kind, String name) {
        return all.stream().filter(w -> w.is(kind, name)).findFirst();
    }

    /** The window of {@code name}'s room, opened if need be; the first welcome names the starting window. */
    Window room(String name) {
        Optional<Window> found = find(Window.Kind.ROOM, name);
        if (found.isPresent()) {
            return found.get();
        }
        Window first = all.get(0);
        if (first.kind() == Window.Kind.ROOM && first.name().isEmpty()) {
            first.rename(name);
            return first;
        }
        return open(Window.Kind.ROOM, name);
    }

    /** The window of a private conversation with {@code nick}, opened if need be. */
    Window query(String nick) {
        return find(Window.Kind.QUERY, nick).orElseGet(() -> open(Window.Kind.QUERY, nick));
    }

    /** Closes the window in front and shows the one before it; the caller keeps at least one. */
    void closeCurrent() {
        int index = all.indexOf(current);
        current.left();
        all.remove(index);
        current = all.get(Math.max(0, index - 1));
        current.shown();
    }

    /** Every window's address column (0: hidden), and every window's to come. */
    void addressWidth(int columns) {
        addressWidth = columns;
        all.forEach(w -> w.scroll.addressWidth(columns));
    }

    private Window open(Window.Kind kind, String name) {
        Window w = new Window(kind, name, logCapacity);
        w.scroll.addressWidth(addressWidth);
        all.add(w);
        return w;
    }
}
