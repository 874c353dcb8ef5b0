package parley.client.state;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import parley.protocol.ChatEvent;
import parley.protocol.Member;

/**
 * Turns server events and client notes into log entries: the one place that decides how each kind reads.
 * Both the full-screen and the line-mode client use it, so they say the same things in the same words.
 */
public final class EntryFormat {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.ENGLISH);

    /** Seconds by default: the server's own text mode shows them, and so does irssi's {@code timestamp_format}. */
    public static final String DEFAULT_TIME_FORMAT = "HH:mm:ss";

    /** For lines nobody in particular sent. */
    private static final Member NOBODY = new Member("", "");

    private final DateTimeFormatter clock;

    /** Times are shown in {@code zone}, the reader's local zone, not the server's, as {@link #DEFAULT_TIME_FORMAT}. */
    public EntryFormat(ZoneId zone) {
        this(zone, DEFAULT_TIME_FORMAT);
    }

    /**
     * Times in {@code zone} as {@code timeFormat}, a {@link DateTimeFormatter} pattern.
     *
     * @throws IllegalArgumentException if the pattern is not one
     */
    public EntryFormat(ZoneId zone, String timeFormat) {
        this.clock = DateTimeFormatter.ofPattern(timeFormat, Locale.ENGLISH).withZone(zone);
    }

    /** Whether {@code timeFormat} is a pattern this class accepts, for checking a command line early. */
    public static boolean validTimeFormat(String timeFormat) {
        try {
            DateTimeFormatter.ofPattern(timeFormat, Locale.ENGLISH).withZone(ZoneId.of("UTC")).format(Instant.EPOCH);
            return true;
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return false;
        }
    }

    /** The entry for a server event, as seen by {@code myNick} (empty before the welcome). */
    public LogEntry fromEvent(ChatEvent e, String myNick) {
        return e.accept(new ChatEvent.Visitor<>() {
            @Override
            public LogEntry welcome(ChatEvent.Welcome w) {
                return system(w, NOBODY, "--", w.text());
            }

            @Override
            public LogEntry message(ChatEvent.Message m) {
                boolean own = isMe(m.from().nick());
                return spoken(m, LogEntry.Kind.MESSAGE, "<" + m.from().nick() + ">", m.text(), own,
                        !own && Mentions.mentions(m.text(), myNick));
            }

            @Override
            public LogEntry action(ChatEvent.Action a) {
                boolean own = isMe(a.from().nick());
                return spoken(a, LogEntry.Kind.ACTION, "* " + a.from().nick(), a.text(), own,
                        !own && Mentions.mentions(a.text(), myNick));
            }

            @Override
            public LogEntry privateMessage(ChatEvent.Private p) {
                boolean own = isMe(p.from().nick());
                return entry(p.time(), LogEntry.Kind.PRIVATE, p.from().nick(), p.from().address(),
                        "*" + p.from().nick() + " -> " + p.to() + "*", p.text(), own,
                        !own && p.to().equalsIgnoreCase(myNick), false);
            }

            @Override
            public LogEntry join(ChatEvent.Join j) {
                return system(j, j.who(), "->", j.who().nick() + " joined #" + j.room());
            }

            @Override
            public LogEntry leave(ChatEvent.Leave l) {
                return system(l, l.who(), "<-", l.who().nick() + " left #" + l.room()
                        + (l.reason().isEmpty() ? "" : " (" + l.reason() + ")"));
            }

            @Override
            public LogEntry nickChange(ChatEvent.NickChange n) {
                return system(n, new Member(n.oldNick(), n.address()), "--", n.oldNick() + " is now known as " + n.newNick());
            }

            @Override
            public LogEntry members(ChatEvent.Members m) {
                return system(m, NOBODY, "--", "in #" + m.room() + ": " + (m.complete() ? memberNicks(m.members())
                        : m.count() + " people, among them " + memberNicks(m.members())));
            }

            @Override
            public LogEntry presence(ChatEvent.Presence p) {
                return system(p, NOBODY, "--", "#" + p.room() + ": +" + p.joined() + " joined"
                        + (p.arrivals().isEmpty() ? "" : " (" + String.join(", ", p.arrivals()) + ")")
                        + ", -" + p.left() + " left, " + p.renamed() + " renamed; " + p.count() + " here");
            }

            @Override
            public LogEntry info(ChatEvent.Info i) {
                return system(i, NOBODY, "--", i.text());
            }

            @Override
            public LogEntry error(ChatEvent.Error r) {
                return entry(r.time(), LogEntry.Kind.ERROR, "", "", "!!", r.text(), false, false, false);
            }

            private boolean isMe(String nick) {
                return !nick.isEmpty() && nick.equalsIgnoreCase(myNick);
            }
        });
    }

    /** Something the client itself says. */
    public LogEntry note(Instant time, String text) {
        return entry(time, LogEntry.Kind.NOTE, "", "", "--", text, false, false, false);
    }

    /** The line shown before the first message of a new local day. */
    public LogEntry dayChange(Instant time, LocalDate day) {
        return new LogEntry(time, "", LogEntry.Kind.DIVIDER, "", "", "", "--- " + DAY.format(day) + " ---",
                false, false, false, 0);
    }

    /** The line shown above messages replayed from the room's history. */
    public LogEntry historyStart(Instant time, String room) {
        return new LogEntry(time, "", LogEntry.Kind.DIVIDER, "", "", "", "--- earlier in #" + room + " ---",
                false, false, false, 0);
    }

    /** The line above a room's first line, once paging back has reached it. */
    public LogEntry historyBeginning(Instant time, String room) {
        return new LogEntry(time, "", LogEntry.Kind.DIVIDER, "", "", "", "--- the beginning of #" + room + " ---",
                false, false, false, 0);
    }

    /** The read marker: above the first line that arrived while the person looked at another window. */
    public LogEntry readMarker(Instant time) {
        return new LogEntry(time, "", LogEntry.Kind.DIVIDER, "", "", "", "--- new ---", false, false, false, 0);
    }

    /** The line below replayed history, where live messages start. */
    public LogEntry historyEnd(Instant time) {
        return new LogEntry(time, "", LogEntry.Kind.DIVIDER, "", "", "", "--- now ---", false, false, false, 0);
    }

    private LogEntry spoken(ChatEvent.Spoken e, LogEntry.Kind kind, String prefix, String text, boolean own,
                            boolean mention) {
        return new LogEntry(e.time(), clock.format(e.time()), kind, e.from().nick(), e.from().address(), prefix,
                text, own, mention, e.history(), e.id());
    }

    private LogEntry system(ChatEvent e, Member who, String prefix, String body) {
        return entry(e.time(), LogEntry.Kind.SYSTEM, who.nick(), who.address(), prefix, body, false, false,
                e.history());
    }

    private LogEntry entry(Instant time, LogEntry.Kind kind, String nick, String address, String prefix, String body,
                           boolean own, boolean mention, boolean history) {
        return new LogEntry(time, clock.format(time), kind, nick, address, prefix, body, own, mention, history, 0);
    }

    /** Alice and Bob read {@code alice@127.0.0.1:5000, bob@[::1]:5001 (2)}: /who shows where people are. */
    static String memberNicks(List<Member> members) {
        if (members.isEmpty()) {
            return "nobody";
        }
        return members.stream().map(m -> m.address().isEmpty() ? m.nick() : m.nick() + "@" + m.address())
                .collect(Collectors.joining(", ")) + " (" + members.size() + ")";
    }
}
