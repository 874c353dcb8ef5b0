package parley.protocol;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Text mode: what a person with {@code nc} or {@code telnet} reads. One line per event, starting with the
 * time (HH:mm:ss in the server's zone). Never contains a TAB, which is how a machine-mode client tells the
 * text lines it receives before its hello is answered from machine events.
 *
 * <pre>
 * [14:02:07] &lt;alice@127.0.0.1:50312&gt; hello
 * [14:02:09] * alice@127.0.0.1:50312 waves
 * [14:02:11] (history) &lt;bob@127.0.0.1:50320&gt; an older message
 * [14:02:12] -&gt; bob (127.0.0.1:50320) joined #lobby
 * </pre>
 */
public final class TextFormat {

    private final DateTimeFormatter clock;

    public TextFormat(ZoneId zone) {
        this.clock = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
    }

    public String format(ChatEvent e) {
        String prefix = "[" + clock.format(e.time()) + "] " + (e.history() ? "(history) " : "");
        String who = e.nick() + "@" + e.address();
        String body = switch (e.kind()) {
            case MESSAGE -> "<" + who + "> " + e.text();
            case ACTION -> "* " + who + " " + e.text();
            case PRIVATE -> "*" + who + " -> " + e.room() + "* " + e.text();
            case JOIN -> "-> " + e.nick() + " (" + e.address() + ") joined #" + e.room();
            case LEAVE -> "<- " + e.nick() + " (" + e.address() + ") left #" + e.room()
                    + (e.text().isEmpty() ? "" : " (" + e.text() + ")");
            case NICK -> "-- " + e.nick() + " (" + e.address() + ") is now known as " + e.text();
            case MEMBERS -> "-- in #" + e.room() + ": " + describeMembers(e.text());
            case WELCOME, INFO -> "-- " + e.text();
            case ERROR -> "!! " + e.text();
        };
        return (prefix + body).replace('\t', ' ');
    }

    /** {@code a@1.2.3.4:5 b@1.2.3.4:6} becomes {@code 2 people: a (1.2.3.4:5), b (1.2.3.4:6)}. */
    private static String describeMembers(String members) {
        if (members.isEmpty()) {
            return "nobody";
        }
        String[] entries = members.split(" ");
        StringBuilder out = new StringBuilder().append(entries.length)
                .append(entries.length == 1 ? " person: " : " people: ");
        for (int i = 0; i < entries.length; i++) {
            int at = entries[i].indexOf('@');
            out.append(i == 0 ? "" : ", ")
                    .append(entries[i], 0, at).append(" (").append(entries[i], at + 1, entries[i].length()).append(')');
        }
        return out.toString();
    }
}
