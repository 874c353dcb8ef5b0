package parley.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import parley.protocol.ChatEvent;

/**
 * A room: its members in join order, its last N spoken messages and, once it is big, the tally of its comings
 * and goings. Guarded by the core's lock.
 */
final class Room {

    private final String name;
    private final int historySize;
    private final Set<Session> members = new LinkedHashSet<>();
    /** Made on the first message: most rooms of an idle server never hear one (a room of one, a lobby). */
    private ArrayDeque<ChatEvent.Spoken> history;
    /** Made when the room first grows past the presence limit. */
    private PresenceTally presence;

    Room(String name, int historySize) {
        this.name = name;
        this.historySize = historySize;
    }

    String name() {
        return name;
    }

    Collection<Session> members() {
        return members;
    }

    void add(Session s) {
        members.add(s);
    }

    void remove(Session s) {
        members.remove(s);
    }

    boolean isEmpty() {
        return members.isEmpty();
    }

    /** The room's comings and goings since its last summary (for a room above the presence limit). */
    PresenceTally presence() {
        if (presence == null) {
            presence = new PresenceTally();
        }
        return presence;
    }

    void remember(ChatEvent.Spoken spoken) {
        if (historySize == 0) {
            return;
        }
        if (history == null) {
            history = new ArrayDeque<>(Math.min(historySize, 64));
        }
        if (history.size() == historySize) {
            history.removeFirst();
        }
        history.addLast(spoken);
    }

    List<ChatEvent.Spoken> history() {
        return history == null ? new ArrayList<>() : new ArrayList<>(history);
    }
}
