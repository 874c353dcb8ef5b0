package parley.client.state;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import parley.protocol.ChatEvent;

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

    /** The entry for a server event, as seen by {@code myNick} (may be null before the welcome). */
    public LogEntry fromEvent(ChatEvent e, String myNick) {
        boolean own = !e.nick().isEmpty() && e.nick().equalsIgnoreCase(myNick);
        boolean toMe = e.room().equalsIgnoreCase(myNick);
        return switch (e.kind()) {
            case MESSAGE -> spoken(e, LogEntry.Kind.MESSAGE, "<" + e.nick() + ">", own,
                    !own && Mentions.mentions(e.text(), myNick));
            case ACTION -> spoken(e, LogEntry.Kind.ACTION, "* " + e.nick(), own,
                    !own && Mentions.mentions(e.text(), myNick));
            case PRIVATE -> spoken(e, LogEntry.Kind.PRIVATE, "*" + e.nick() + " -> " + e.room() + "*", own,
                    !own && toMe);
            case JOIN -> system(e, "->", e.nick() + " joined #" + e.room());
            case LEAVE -> system(e, "<-", e.nick() + " left #" + e.room()
                    + (e.text().isEmpty() ? "" : " (" + e.text() + ")"));
            case NICK -> system(e, "--", e.nick() + " is now known as " + e.text());
            case MEMBERS -> system(e, "--", "in #" + e.room() + ": " + memberNicks(e.text()));
            case WELCOME, INFO -> system(e, "--", e.text());
            case ERROR -> entry(e.time(), LogEntry.Kind.ERROR, "", "!!", e.text(), false, false, e.history());
        };
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

    private LogEntry spoken(ChatEvent e, LogEntry.Kind kind, String prefix, boolean own, boolean mention) {
        return entry(e.time(), kind, e.nick(), prefix, e.text(), own, mention, e.history());
    }

    private LogEntry system(ChatEvent e, String prefix, String body) {
        return entry(e.time(), LogEntry.Kind.SYSTEM, e.nick(), prefix, body, false, false, e.history());
    }

    private LogEntry entry(Instant time, LogEntry.Kind kind, String nick, String prefix, String body, boolean own,
                           boolean mention, boolean history) {
        return new LogEntry(time, clock.format(time), kind, nick, prefix, body, own, mention, history);
    }

    /** {@code alice@1.2.3.4:5 bob@1.2.3.4:6} reads {@code alice, bob (2)}. */
    static String memberNicks(String members) {
        if (members.isBlank()) {
            return "nobody";
        }
        String[] entries = members.trim().split(" +");
        return Arrays.stream(entries).map(EntryFormat::nickOf).collect(Collectors.joining(", "))
                + " (" + entries.length + ")";
    }

    static String nickOf(String member) {
        int at = member.indexOf('@');
        return at < 0 ? member : member.substring(0, at);
    }
}
