package parley.client.state;

import java.time.LocalDate;
import parley.core.Names;

/**
 * One conversation as the client shows it: a room, or a private conversation with one person (a query), with
 * its own scrollback, who is in it, and what arrived while another window was shown (the activity bar's count,
 * a highlight for a mention or a private message, and the "--- new ---" read marker where the person left off).
 */
public final class Window {

    /** What a window holds. */
    public enum Kind { ROOM, QUERY }

    private final Kind kind;
    private String name;
    final MessageLog log;
    final Scrollback scroll;
    final Members members = new Members();
    /** How many are in a room too big to be listed (the server's last count), else 0. */
    int crowd;
    boolean inHistory;
    LocalDate lastDay;
    /** The oldest id shown here: where a page of older history ends (0: none yet). */
    long firstId;
    boolean historyComplete;
    private int unread;
    private boolean highlight;
    /** The read marker's divider, while one is in the log. */
    private LogEntry marker;

    Window(Kind kind, String name, int logCapacity) {
        this.kind = kind;
        this.name = name;
        this.log = new MessageLog(logCapacity);
        this.scroll = new Scrollback(log);
    }

    public Kind kind() {
        return kind;
    }

    /** The room's name (without {@code #}) or the other person's nick. */
    public String name() {
        return name;
    }

    /** {@code #lobby} or {@code bob}: how the activity bar names it. */
    public String label() {
        return kind == Kind.ROOM ? "#" + name : name;
    }

    public boolean is(Kind k, String other) {
        return kind == k && Names.key(name).equals(Names.key(other));
    }

    void rename(String newName) {
        name = newName;
    }

    /** Lines people said here while another window was shown. */
    public int unread() {
        return unread;
    }

    /** Whether one of them named you, or was said to you in private. */
    public boolean highlighted() {
        return highlight;
    }

    public Scrollback scroll() {
        return scroll;
    }

    public MessageLog log() {
        return log;
    }

    public Members members() {
        return members;
    }

    /**
     * {@code entry} is about to be added while another window is shown: counts it, and puts the read marker
     * above the first such line.
     */
    void arrivedUnseen(LogEntry entry, EntryFormat format) {
        if (!entry.spoken() || entry.own()) {
            return;     // comings and goings are not news, and what you said you have read
        }
        unread++;
        highlight |= entry.mention() || entry.kind() == LogEntry.Kind.PRIVATE;
        if (marker == null) {
            marker = format.readMarker(entry.time());
            log.append(marker);
            scroll.appended(marker);
        }
    }

    /** The person looks at this window now: nothing in it is unread any more (the marker stays until they leave). */
    void shown() {
        unread = 0;
        highlight = false;
    }

    /** The person leaves this window: the old marker goes, a new one will mark where they left off. */
    void left() {
        if (marker != null) {
            log.remove(marker);
            marker = null;
        }
    }
}
