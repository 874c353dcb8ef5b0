package parley.core;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import parley.protocol.Member;

/**
 * Who is where beyond this server, next to {@link RoomRelay} which carries what is said. On one server there is
 * nobody beyond it: {@link #alone()} grants every nick at once and tells nobody anything. In a cluster
 * ({@code parley.cluster}) nicks are claimed in Redis, this server's comings and goings are published, and the
 * other nodes' come back through the {@link Listener}.
 *
 * <pre>
 *  core (its lock) --claim / arrived / left / renamed / tell--> [queued for the cluster's thread]
 *  core (its lock) <--answer, Listener.joined / left / ...------ [a cluster thread, after Redis answered]
 * </pre>
 *
 * Every method but {@link #attach} is called with the core's lock held: none may block or wait on I/O. An
 * answer may come at once (on the calling thread, the lock still held) or later from another thread, which then
 * takes the core's lock to apply it.
 */
public interface PresenceRelay {

    /** Binds the relay to the core; called once, at the end of the core's constructor. */
    void attach(Listener core);

    /** The number of the next guest nick ({@code guestN}), unique wherever guests are numbered. */
    long nextGuestNumber();

    /**
     * Asks for {@code nick} for someone here; {@code answer} gets empty when it is theirs, or why not. Asking
     * for a nick this server holds already is granted.
     */
    void claim(String nick, Consumer<Optional<String>> answer);

    /**
     * Claims {@code nick}, just given to a newcomer here as their guest nick: they have it already and nobody
     * waits for the answer; {@code lost} gets why, should it be someone's elsewhere.
     */
    default void claimGuest(String nick, Consumer<Optional<String>> lost) {
        claim(nick, lost);
    }

    /*
     * The four below tell the other servers what changed here; with nobody beyond this server (and in a test's
     * fake that plays the other nodes) there is nobody to tell.
     */

    /** Nobody here holds {@code nick} any more. */
    default void release(String nick) {
    }

    /** {@code who} is now in room {@code room} here (connected, or came from another room). */
    default void arrived(String room, Member who) {
    }

    /** {@code who} left room {@code room} here, for {@code reason}. */
    default void left(String room, Member who, String reason) {
    }

    /** Someone here in {@code room} changed nick from {@code oldNick} to {@code who}'s. */
    default void renamed(String room, String oldNick, Member who) {
    }

    /**
     * Sends a private message to {@code toNick} on {@code node}; {@code done} gets empty once it is on its way,
     * or why it was not sent.
     */
    void tell(Member from, String node, String toNick, String text, Consumer<Optional<String>> done);

    /** One line for {@code /stats}, or empty. */
    default Optional<String> status() {
        return Optional.empty();
    }

    /** What a relay tells the core; each call takes the core's lock. */
    interface Listener {

        /** Everyone on the other nodes, as Redis has it now: replaces what was known, the changes announced. */
        void everyone(List<Remote> members);

        /** {@code who} came into {@code room} on another node. */
        void joined(Remote who);

        /** {@code who} left their room on another node. */
        void left(Remote who, String reason);

        /** {@code oldNick} on another node is now {@code who}. */
        void renamed(String oldNick, Remote who);

        /** Node {@code node} stopped (or stopped answering): its people leave, for {@code reason}. */
        void nodeGone(String node, String reason);

        /** Redis is unreachable: presence is this server's alone until {@link #everyone} comes again. */
        void cutOff();

        /**
         * A private message from another node for {@code toNick} here, under the same per-recipient cap as one
         * from someone here: empty once delivered, else why not (nobody here has the nick, or over the cap).
         */
        Optional<String> privateMessage(Member from, String toNick, String text);

        /** A private message sent from here could not be delivered: {@code why}, to {@code fromNick}. */
        void undelivered(String fromNick, String why);

        /** Someone here held {@code nick} while another node took it too (Redis was unreachable): they lose it. */
        void lostNick(String nick, String why);
    }

    /**
     * Someone on another node.
     *
     * @param node   the node they are connected to
     * @param room   the name of their room
     * @param member their nick, and their address as their node sees it followed by {@code @node}
     */
    record Remote(String node, String room, Member member) {
    }

    /** One server: every nick is granted at once, guests are numbered here, and there is no one else. */
    static PresenceRelay alone() {
        return new PresenceRelay() {
            private final AtomicLong guests = new AtomicLong();

            @Override
            public void attach(Listener core) {
            }

            @Override
            public long nextGuestNumber() {
                return guests.incrementAndGet();
            }

            @Override
            public void claim(String nick, Consumer<Optional<String>> answer) {
                answer.accept(Optional.empty());
            }

            @Override
            public void tell(Member from, String node, String toNick, String text, Consumer<Optional<String>> done) {
                done.accept(Optional.of("no one here is called " + toNick));
            }
        };
    }
}
