package parley.protocol;

import java.time.Instant;
import java.util.List;

/**
 * One thing the server tells a client: one record per kind, each carrying exactly what that kind says.
 * {@link TextFormat} and {@link MachineFormat} each write and read every kind in one place; see docs/PROTOCOL.md.
 *
 * <p>Java 17 has no pattern {@code switch}: code that handles every kind implements a {@link Visitor}, so a new
 * kind fails to compile wherever it is not handled. Code that cares about one or two kinds uses
 * {@code instanceof}.
 */
public sealed interface ChatEvent {

    /** When the server accepted it. */
    Instant time();

    /** Whether it was replayed from a room's history rather than happening now; only spoken events can be. */
    default boolean history() {
        return false;
    }

    <R> R accept(Visitor<R> v);

    /** One method per kind of event; implement it to handle every one. */
    interface Visitor<R> {
        R welcome(Welcome e);

        R message(Message e);

        R action(Action e);

        R privateMessage(Private e);

        R join(Join e);

        R leave(Leave e);

        R nickChange(NickChange e);

        R members(Members e);

        R presence(Presence e);

        R info(Info e);

        R error(Error e);
    }

    /** What is said in a room, and kept in its history: a {@link Message} or an {@link Action}. */
    sealed interface Spoken extends ChatEvent {
        String room();

        Member from();

        String text();

        /**
         * The line's id: unique on the server, increasing in the order lines were said, never reused (see
         * {@code parley.history.HistoryStore}). 0 when not known: a PARLEY/1 or text-mode line carries none.
         */
        long id();

        /** The same event, marked as replayed from the history. */
        Spoken asHistory();
    }

    /**
     * Sent to a new connection, again on switching to machine mode, and on entering a room with {@code /join}.
     *
     * @param you  the recipient: their nick and address
     * @param text the greeting
     */
    record Welcome(String room, Instant time, Member you, String text) implements ChatEvent {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.welcome(this);
        }
    }

    /** A message to a room. {@code id} is 0 when not known (see {@link Spoken#id()}). */
    record Message(String room, Instant time, Member from, String text, boolean history, long id)
            implements Spoken {
        /** One without an id, as PARLEY/1 and text mode show it. */
        public Message(String room, Instant time, Member from, String text, boolean history) {
            this(room, time, from, text, history, 0);
        }

        @Override
        public Message asHistory() {
            return new Message(room, time, from, text, true, id);
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.message(this);
        }
    }

    /** An action, {@code /me waves}. {@code id} is 0 when not known (see {@link Spoken#id()}). */
    record Action(String room, Instant time, Member from, String text, boolean history, long id)
            implements Spoken {
        /** One without an id, as PARLEY/1 and text mode show it. */
        public Action(String room, Instant time, Member from, String text, boolean history) {
            this(room, time, from, text, history, 0);
        }

        @Override
        public Action asHistory() {
            return new Action(room, time, from, text, true, id);
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.action(this);
        }
    }

    /** A private message from {@code from} to the nick {@code to}; both of them receive it. */
    record Private(Instant time, Member from, String to, String text) implements ChatEvent {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.privateMessage(this);
        }
    }

    /** Someone entered the room. */
    record Join(String room, Instant time, Member who) implements ChatEvent {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.join(this);
        }
    }

    /** Someone left the room; {@code reason} says why (it may be empty). */
    record Leave(String room, Instant time, Member who, String reason) implements ChatEvent {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.leave(this);
        }
    }

    /** The person at {@code address} in {@code room} was {@code oldNick} and is {@code newNick} from now on. */
    record NickChange(String room, Instant time, String oldNick, String newNick, String address)
            implements ChatEvent {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.nickChange(this);
        }
    }

    /**
     * Who is in the room, in the order they came: everyone, or in a big room a part of them (a sample in a
     * welcome, a page or the matches of a {@code /who}).
     *
     * @param members who is listed
     * @param count   how many people are in the room, at least as many as are listed
     */
    record Members(String room, Instant time, List<Member> members, int count) implements ChatEvent {
        public Members {
            members = List.copyOf(members);
            if (count < members.size()) {
                throw new IllegalArgumentException("a room of " + count + " cannot list " + members.size());
            }
        }

        /** Everyone in the room. */
        public Members(String room, Instant time, List<Member> members) {
            this(room, time, members, members.size());
        }

        /** Whether this lists everyone in the room. */
        public boolean complete() {
            return count == members.size();
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.members(this);
        }
    }

    /**
     * Comings and goings in a room too big to announce them one by one (above the server's presence limit),
     * summed up over a few seconds.
     *
     * @param joined   how many came in since the last summary
     * @param left     how many left
     * @param renamed  how many changed their nick
     * @param count    how many people are in the room now
     * @param arrivals the nicks of the first few who came in, as they came (at most {@link #SAMPLE})
     */
    record Presence(String room, Instant time, int joined, int left, int renamed, int count, List<String> arrivals)
            implements ChatEvent {
        /** The most arrivals a summary names. */
        public static final int SAMPLE = 5;

        public Presence {
            arrivals = List.copyOf(arrivals);
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.presence(this);
        }
    }

    /** A server notice meant for one person (help, room list, shutdown). */
    record Info(String room, Instant time, String text) implements ChatEvent {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.info(this);
        }
    }

    /** Something the person asked for was refused; {@code text} says why. {@code room} is empty for a refusal. */
    record Error(String room, Instant time, String text) implements ChatEvent {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.error(this);
        }
    }
}
