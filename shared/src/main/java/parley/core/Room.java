package parley.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import parley.protocol.ChatEvent;

/**
 * A room: its members in join order, its last N spoken messages (the ones a newcomer is sent) and, once it is
 * big, the tally of its comings and goings. Guarded by the core's lock.
 *
 * <p>A room the core makes again after it emptied, or after a restart, starts not {@link #loaded()}: its older
 * lines are in the history store, which the core reads outside its lock and then {@link #merge}s in.
 */
final class Room {

    private final String name;
    /** {@link Names#key} of the name, made once: the look-alike skeleton is too dear to make per message. */
    private String key;
    private final int historySize;
    /**
     * Starts with a table of 2, not the default 16: most rooms of a server with many idle people hold one
     * person (56 bytes saved per room); a room that grows doubles its table a few times more, once.
     */
    private final Set<Session> members = new LinkedHashSet<>(2);
    /** Made on the first message: most rooms of an idle server never hear one (a room of one, a lobby). */
    private ArrayDeque<ChatEvent.Spoken> history;
    private boolean loaded;
    /** Made when the room first grows past the presence limit. */
    private PresenceTally presence;
    /** The id of the last line delivered live; the ones up to it when the room was made are its history. */
    private long heardThrough;

    /** A room whose recent history is all in memory (a room that never had any). */
    Room(String name, int historySize) {
        this(name, historySize, true);
    }

    Room(String name, int historySize, boolean loaded) {
        this(name, historySize, loaded, 0);
    }

    Room(String name, int historySize, boolean loaded, long historyThrough) {
        this.name = name;
        this.historySize = historySize;
        this.loaded = loaded;
        this.heardThrough = historyThrough;
    }

    /** Whether line {@code id} is new here (a relay may hand a line back twice after a reconnection). */
    boolean hear(long id) {
        if (id <= heardThrough) {
            return false;
        }
        heardThrough = id;
        return true;
    }

    /** Whether {@link #history()} holds the room's last N lines, or only those said since the room was made. */
    boolean loaded() {
        return loaded;
    }

    /**
     * Adds lines read from the store to the ones said since the room was made, in id order without
     * duplicates, and keeps the newest N: from now on {@link #history()} is complete.
     */
    void merge(List<ChatEvent.Spoken> older) {
        TreeMap<Long, ChatEvent.Spoken> byId = new TreeMap<>();
        older.forEach(line -> byId.put(line.id(), line));
        history().forEach(line -> byId.put(line.id(), line));
        history = null;
        byId.values().forEach(this::remember);
        loaded = true;
    }

    String name() {
        return name;
    }

    /** The room's look-alike key ({@link Names#key} of its name), what the store and the relay know it by. */
    String key() {
        if (key == null) {
            key = Names.key(name);
        }
        return key;
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
