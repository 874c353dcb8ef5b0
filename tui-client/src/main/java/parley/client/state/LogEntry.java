package parley.client.state;

import java.time.Instant;
import java.util.List;

/**
 * One line of the conversation as the client shows it, before wrapping: {@code clock prefix body}.
 *
 * <p>Immutable except for its sequence number (given once by {@link MessageLog}) and a cache of its rows at the
 * last width it was wrapped to: wrapping 5,000 entries on every keystroke would be wasted work.
 */
public final class LogEntry {

    /** What kind of line this is; decides its styles. */
    public enum Kind { MESSAGE, ACTION, PRIVATE, SYSTEM, ERROR, NOTE, DIVIDER }

    private final Instant time;
    private final String clock;
    private final Kind kind;
    private final String nick;
    private final String address;
    private final String prefix;
    private final String body;
    private final boolean own;
    private final boolean mention;
    private final boolean history;
    private final long id;
    private long seq = -1;
    private int wrappedWidth = -1;
    private int wrappedAddressColumn = -1;
    private List<Row> wrapped;

    LogEntry(Instant time, String clock, Kind kind, String nick, String address, String prefix, String body,
             boolean own, boolean mention, boolean history, long id) {
        this.time = time;
        this.id = id;
        this.clock = clock;
        this.kind = kind;
        this.nick = nick;
        this.address = address;
        this.prefix = prefix;
        this.body = body;
        this.own = own;
        this.mention = mention;
        this.history = history;
    }

    public Instant time() {
        return time;
    }

    /** The time in the local zone, as {@code --time-format} says (HH:mm:ss by default); empty for dividers. */
    public String clock() {
        return clock;
    }

    public Kind kind() {
        return kind;
    }

    /** Who spoke; empty for notices. */
    public String nick() {
        return nick;
    }

    /** The {@code ip:port} the sender connected from, as the server saw it; empty when nobody sent it. */
    public String address() {
        return address;
    }

    /** {@code <alice>}, {@code * alice}, {@code ->}, {@code --}, {@code !!}. */
    public String prefix() {
        return prefix;
    }

    public String body() {
        return body;
    }

    /** You said it. */
    public boolean own() {
        return own;
    }

    /** Someone else said your nick (or wrote to you privately). */
    public boolean mention() {
        return mention;
    }

    /** Replayed from the room's history on joining. */
    public boolean history() {
        return history;
    }

    /** Whether this is something a person said (counted as unread), rather than a notice. */
    public boolean spoken() {
        return kind == Kind.MESSAGE || kind == Kind.ACTION || kind == Kind.PRIVATE;
    }

    /** The server's id of a room's message or action (see ChatEvent.Spoken#id); 0 for everything else. */
    public long id() {
        return id;
    }

    public long seq() {
        return seq;
    }

    void assignSeq(long value) {
        if (seq >= 0) {
            throw new IllegalStateException("entry already logged");
        }
        seq = value;
    }

    /**
     * The entry as one plain line, e.g. {@code 14:02:05 127.0.0.1:38722 <alice> hello}: for the line-mode client,
     * logs on disk and tests.
     */
    public String plainText() {
        StringBuilder out = new StringBuilder();
        if (!clock.isEmpty()) {
            out.append(clock).append(' ');
        }
        if (!address.isEmpty()) {
            out.append(address).append(' ');
        }
        if (history) {
            out.append("(history) ");
        }
        if (!prefix.isEmpty()) {
            out.append(prefix).append(' ');
        }
        return out.append(body).toString();
    }

    /**
     * Rows of this entry at {@code width} columns with an address column {@code addressColumn} wide (0: addresses
     * hidden), computed once per layout.
     */
    public List<Row> rows(int width, int addressColumn) {
        if (wrappedWidth != width || wrappedAddressColumn != addressColumn || wrapped == null) {
            wrapped = Wrapper.wrap(this, width, addressColumn);
            wrappedWidth = width;
            wrappedAddressColumn = addressColumn;
        }
        return wrapped;
    }
}
