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

    private final DateTimeFormatter clock;

    /** Times are shown in {@code zone}, the reader's local zone, not the server's. */
    public EntryFormat(ZoneId zone) {
        this.clock = DateTimeFormatter.ofPattern("HH:mm").withZone(zone);
    }

    /** The entry for a server event, as seen by {@code myNick} (empty before the welcome). */
    public LogEntry fromEvent(ChatEvent e, String myNick) {
        return e.accept(new ChatEvent.Visitor<>() {
            @Override
            public LogEntry welcome(ChatEvent.Welcome w) {
                return system(w, w.you().nick(), "--", w.text());
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
                return entry(p.time(), LogEntry.Kind.PRIVATE, p.from().nick(), "*" + p.from().nick() + " -> " + p.to()
                        + "*", p.text(), own, !own && p.to().equalsIgnoreCase(myNick), false);
            }

            @Override
            public LogEntry join(ChatEvent.Join j) {
                return system(j, j.who().nick(), "->", j.who().nick() + " joined #" + j.room());
            }

            @Override
            public LogEntry leave(ChatEvent.Leave l) {
                return system(l, l.who().nick(), "<-", l.who().nick() + " left #" + l.room()
                        + (l.reason().isEmpty() ? "" : " (" + l.reason() + ")"));
            }

            @Override
            public LogEntry nickChange(ChatEvent.NickChange n) {
                return system(n, n.oldNick(), "--", n.oldNick() + " is now known as " + n.newNick());
            }

            @Override
            public LogEntry members(ChatEvent.Members m) {
                return system(m, "", "--", "in #" + m.room() + ": " + memberNicks(m.members()));
            }

            @Override
            public LogEntry info(ChatEvent.Info i) {
                return system(i, "", "--", i.text());
            }

            @Override
            public LogEntry error(ChatEvent.Error r) {
                return entry(r.time(), LogEntry.Kind.ERROR, "", "!!", r.text(), false, false, false);
            }

            private boolean isMe(String nick) {
                return !nick.isEmpty() && nick.equalsIgnoreCase(myNick);
            }
        });
    }

    /** Something the client itself says. */
    public LogEntry note(Instant time, String text) {
        return entry(time, LogEntry.Kind.NOTE, "", "--", text, false, false, false);
    }

    /** The line shown before the first message of a new local day. */
    public LogEntry dayChange(Instant time, LocalDate day) {
        return new LogEntry(time, "", LogEntry.Kind.DIVIDER, "", "", "--- " + DAY.format(day) + " ---",
                false, false, false);
    }

    /** The line shown above messages replayed from the room's history. */
    public LogEntry historyStart(Instant time, String room) {
        return new LogEntry(time, "", LogEntry.Kind.DIVIDER, "", "", "--- earlier in #" + room + " ---",
                false, false, false);
    }

    /** The line below replayed history, where live messages start. */
    public LogEntry historyEnd(Instant time) {
        return new LogEntry(time, "", LogEntry.Kind.DIVIDER, "", "", "--- now ---", false, false, false);
    }

    private LogEntry spoken(ChatEvent.Spoken e, LogEntry.Kind kind, String prefix, String text, boolean own,
                            boolean mention) {
        return entry(e.time(), kind, e.from().nick(), prefix, text, own, mention, e.history());
    }

    private LogEntry system(ChatEvent e, String nick, String prefix, String body) {
        return entry(e.time(), LogEntry.Kind.SYSTEM, nick, prefix, body, false, false, e.history());
    }

    private LogEntry entry(Instant time, LogEntry.Kind kind, String nick, String prefix, String body, boolean own,
                           boolean mention, boolean history) {
        return new LogEntry(time, clock.format(time), kind, nick, prefix, body, own, mention, history);
    }

    /** Alice and Bob read {@code alice, bob (2)}. */
    static String memberNicks(List<Member> members) {
        if (members.isEmpty()) {
            return "nobody";
        }
        return members.stream().map(Member::nick).collect(Collectors.joining(", ")) + " (" + members.size() + ")";
    }
}
