package parley.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import parley.history.StoredLine;

/**
 * Where a spoken line goes to get its id and its place in its room's order, and where it comes back from to
 * be delivered. On one server that is {@link LocalRelay}: the history store numbers the line and the core
 * delivers it at once. In a cluster ({@code parley.cluster}) the line is appended to its room's Redis stream
 * and every node, the sender's included, delivers it when it reads it back, so the stream is the one order.
 *
 * <pre>
 *  ChatCore.speak (core lock) --> say(...) --> [numbered, ordered: store or stream]
 *                                                    |
 *  ChatCore.heard (core lock) <-- Listener.heard <---+  now (local) or from a reader thread (cluster)
 * </pre>
 *
 * Every method but {@link #attach} is called with the core's lock held: none may block or wait on I/O.
 */
public interface RoomRelay {

    /**
     * Binds the relay to the core it delivers to; the core calls this once, at the end of its constructor
     * (after following its default room), and the relay may call back from then on.
     */
    void attach(Listener core);

    /**
     * Numbers and orders one line of room {@code roomKey} ({@link Names#key}) and hands it back through
     * {@link Listener#heard}, now or later. Never blocks.
     *
     * @return empty when the line was taken, or the reason it was not (said to its sender alone)
     */
    Optional<String> say(String roomKey, StoredLine.Kind kind, Instant time, String nick, String address, String text);

    /**
     * A room now has people here: from now on hand back its lines with ids above {@code afterId} (the ones up
     * to it are history, read from the store). A local relay hands back every line anyway.
     */
    default void follow(String roomKey, long afterId) {
    }

    /**
     * Whether this relay hands a followed room's recent lines back itself ({@link Listener#recent}), just before
     * its live ones, so the core reads no history for a room it makes. A cluster's reader does: reading the
     * recent lines and then the live ones on one thread leaves neither a gap nor a duplicate between them.
     */
    default boolean replaysHistory() {
        return false;
    }

    /** The room has nobody here any more: its lines need not be handed back. */
    default void unfollow(String roomKey) {
    }

    /** One line for {@code /stats}, or empty when there is nothing to say beyond the store's own line. */
    default Optional<String> status() {
        return Optional.empty();
    }

    /** What a relay hands lines and news back to: the core, which takes its lock for each call. */
    interface Listener {

        /** Lines numbered and ordered, in their rooms' order; lines of rooms nobody here is in are skipped. */
        void heard(List<StoredLine> lines);

        /**
         * The last lines of a room just followed, oldest first (for a relay that {@link #replaysHistory()}); its
         * live lines, handed back after this, follow the last of them.
         */
        default void recent(String roomKey, List<StoredLine> lines) {
        }

        /** A notice for everyone connected here (the cluster lost or regained its Redis). */
        void tellEveryone(String text);
    }
}
