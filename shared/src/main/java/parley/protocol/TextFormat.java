package parley.protocol;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
 *
 * {@link #format} writes these lines and {@link #parse} reads them back, for every program that reads text mode
 * (the client's refusal reasons, the load generator, tests). A text line says less than the event it shows:
 * no date, no room for a message, action or nick change, and a welcome reads as any other notice.
 */
public final class TextFormat {

    /** {@code [HH:mm:ss] }: every line starts with it, so the event starts at this index (bytes or chars). */
    private static final int EVENT = 11;
    private static final String HISTORY = "(history) ";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    // Nicks and room names hold no space, '@', '(', '>' or '*'; an address holds no space or '>'.
    private static final Pattern LINE = Pattern.compile("\\[(\\d\\d:\\d\\d:\\d\\d)] (\\(history\\) )?(.*)", Pattern.DOTALL);
    private static final Pattern MESSAGE = Pattern.compile("<([^@\\s]+)@([^>\\s]+)> (.*)", Pattern.DOTALL);
    private static final Pattern ACTION = Pattern.compile("\\* ([^@\\s]+)@(\\S+) (.*)", Pattern.DOTALL);
    private static final Pattern PRIVATE = Pattern.compile("\\*([^@\\s]+)@(\\S+) -> ([^*\\s]+)\\* (.*)", Pattern.DOTALL);
    private static final Pattern JOIN = Pattern.compile("-> (\\S+) \\((\\S+)\\) joined #(\\S+)");
    private static final Pattern LEAVE = Pattern.compile("<- (\\S+) \\((\\S+)\\) left #(\\S+)(?: \\((.*)\\))?",
            Pattern.DOTALL);
    private static final Pattern NICK = Pattern.compile("-- (\\S+) \\((\\S+)\\) is now known as (\\S+)");
    private static final Pattern MEMBERS = Pattern.compile(
            "-- in #(\\S+): (?:nobody|(\\d{1,9}) (?:person|people)(?:, \\d+ shown)?: (.*))");
    private static final Pattern PRESENCE = Pattern.compile("-- #(\\S+): \\+(\\d{1,9}) joined(?: \\(([^)]*)\\))?, "
            + "-(\\d{1,9}) left, (\\d{1,9}) renamed; (\\d{1,9}) (?:person|people) here");
    private static final Pattern MEMBER = Pattern.compile("(\\S+) \\((\\S+)\\)");

    private final ZoneId zone;
    private final DateTimeFormatter clock;
    /**
     * The last line's {@code [HH:mm:ss] }, kept for the lines of the same second: formatting a time makes a
     * dozen objects, and a busy room says hundreds of lines a second. Read and replaced without a lock by
     * whichever thread formats: a {@link Stamp} is immutable, so a thread sees a whole one, at worst an older.
     */
    private Stamp lastStamp = new Stamp(Long.MIN_VALUE, "");

    public TextFormat(ZoneId zone) {
        this.zone = zone;
        this.clock = TIME.withZone(zone);
    }

    public String format(ChatEvent e) {
        return line(e, "");
    }

    /** {@link #format} with its LF, made as one string: what goes on the wire. */
    String formatLine(ChatEvent e) {
        return line(e, "\n");
    }

    private String line(ChatEvent e, String end) {
        return (stamp(e.time()) + (e.history() ? HISTORY : "") + e.accept(BODY) + end).replace('\t', ' ');
    }

    /** {@code [HH:mm:ss] } for {@code time}: the clock shows whole seconds, and a zone's offset changes on one. */
    private String stamp(Instant time) {
        Stamp last = lastStamp;
        if (last.second() != time.getEpochSecond()) {
            last = new Stamp(time.getEpochSecond(), "[" + clock.format(time) + "] ");
            lastStamp = last;
        }
        return last.text();
    }

    private record Stamp(long second, String text) {
    }

    /** A history page's start or end, as a notice: {@code [14:02:07] -- history of #lobby: 3 lines}. */
    public String format(HistoryBatch b) {
        return format(new ChatEvent.Info(b.room(), b.time(), b.describe()));
    }

    private static final ChatEvent.Visitor<String> BODY = new ChatEvent.Visitor<>() {
        @Override
        public String welcome(ChatEvent.Welcome w) {
            return "-- " + w.text();
        }

        @Override
        public String message(ChatEvent.Message m) {
            return "<" + m.from().nick() + "@" + m.from().address() + "> " + m.text(); // one string, not two
        }

        @Override
        public String action(ChatEvent.Action a) {
            return "* " + sender(a.from()) + " " + a.text();
        }

        @Override
        public String privateMessage(ChatEvent.Private p) {
            return "*" + sender(p.from()) + " -> " + p.to() + "* " + p.text();
        }

        @Override
        public String join(ChatEvent.Join j) {
            return "-> " + named(j.who()) + " joined #" + j.room();
        }

        @Override
        public String leave(ChatEvent.Leave l) {
            return "<- " + named(l.who()) + " left #" + l.room() + (l.reason().isEmpty() ? "" : " (" + l.reason() + ")");
        }

        @Override
        public String nickChange(ChatEvent.NickChange n) {
            return "-- " + named(new Member(n.oldNick(), n.address())) + " is now known as " + n.newNick();
        }

        /**
         * {@code 2 people: a (1.2.3.4:5), b (1.2.3.4:6)}, or {@code nobody}; a part of a big room reads
         * {@code 10000 people, 20 shown: a (1.2.3.4:5), ...}.
         */
        @Override
        public String members(ChatEvent.Members m) {
            int n = m.count();
            return "-- in #" + m.room() + ": " + (n == 0 ? "nobody" : people(n)
                    + (m.complete() ? "" : ", " + m.members().size() + " shown") + ": "
                    + m.members().stream().map(TextFormat::named).collect(Collectors.joining(", ")));
        }

        /** {@code #lobby: +120 joined (alice, bob), -14 left, 3 renamed; 10106 people here}. */
        @Override
        public String presence(ChatEvent.Presence p) {
            return "-- #" + p.room() + ": +" + p.joined() + " joined"
                    + (p.arrivals().isEmpty() ? "" : " (" + String.join(", ", p.arrivals()) + ")")
                    + ", -" + p.left() + " left, " + p.renamed() + " renamed; " + people(p.count()) + " here";
        }

        @Override
        public String info(ChatEvent.Info i) {
            return "-- " + i.text();
        }

        @Override
        public String error(ChatEvent.Error r) {
            return "!! " + r.text();
        }
    };

    private static String people(int n) {
        return n + (n == 1 ? " person" : " people");
    }

    private static String sender(Member m) {
        return m.nick() + "@" + m.address();
    }

    private static String named(Member m) {
        return m.nick() + " (" + m.address() + ")";
    }

    /**
     * Reads a line {@link #format} wrote (without its LF) back into an event, its time taken on {@code day} in
     * this format's zone. What the line does not say comes back empty (see the class comment).
     *
     * @return empty when the line is not one a parley server writes
     */
    public Optional<ChatEvent> parse(String line, LocalDate day) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        Instant at;
        try {
            at = LocalTime.parse(m.group(1), TIME).atDate(day).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(event(m.group(3), at, m.group(2) != null));
    }

    private static ChatEvent event(String body, Instant at, boolean history) {
        Matcher m;
        if ((m = MESSAGE.matcher(body)).matches()) {
            return new ChatEvent.Message("", at, new Member(m.group(1), m.group(2)), m.group(3), history);
        } else if ((m = PRIVATE.matcher(body)).matches()) {
            return new ChatEvent.Private(at, new Member(m.group(1), m.group(2)), m.group(3), m.group(4));
        } else if ((m = ACTION.matcher(body)).matches()) {
            return new ChatEvent.Action("", at, new Member(m.group(1), m.group(2)), m.group(3), history);
        } else if ((m = JOIN.matcher(body)).matches()) {
            return new ChatEvent.Join(m.group(3), at, new Member(m.group(1), m.group(2)));
        } else if ((m = LEAVE.matcher(body)).matches()) {
            return new ChatEvent.Leave(m.group(3), at, new Member(m.group(1), m.group(2)),
                    m.group(4) == null ? "" : m.group(4));
        } else if ((m = NICK.matcher(body)).matches()) {
            return new ChatEvent.NickChange("", at, m.group(1), m.group(3), m.group(2));
        } else if ((m = MEMBERS.matcher(body)).matches()) {
            List<Member> listed = members(m.group(3));
            return new ChatEvent.Members(m.group(1), at, listed,
                    m.group(2) == null ? 0 : Math.max(listed.size(), Integer.parseInt(m.group(2))));
        } else if ((m = PRESENCE.matcher(body)).matches()) {
            return new ChatEvent.Presence(m.group(1), at, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(4)),
                    Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)),
                    m.group(3) == null ? List.of() : List.of(m.group(3).split(", ")));
        } else if (body.startsWith("-- ")) {
            return new ChatEvent.Info("", at, body.substring(3));
        } else if (body.startsWith("!! ")) {
            return new ChatEvent.Error("", at, body.substring(3));
        }
        return null;
    }

    private static List<Member> members(String list) {
        List<Member> out = new ArrayList<>();
        if (list != null) {
            for (String entry : list.split(", ")) {
                Matcher m = MEMBER.matcher(entry);
                if (m.matches()) {
                    out.add(new Member(m.group(1), m.group(2)));
                }
            }
        }
        return out;
    }

    /**
     * Where the said text of a live message line starts, for a reader that must not make a String of every line
     * (the load generator): {@code line[off, off + len)} holds one line without its LF. Returns -1 for any other
     * line (history, actions, notices), which {@link #parse} reads.
     */
    public static int messageTextAt(byte[] line, int off, int len) {
        int e = off + EVENT;
        if (len <= EVENT + 2 || line[off] != '[' || line[e - 2] != ']' || line[e - 1] != ' ' || line[e] != '<'
                || (line[e + 1] == '-' && line[e + 2] == ' ')) {
            return -1;
        }
        for (int i = e + 1; i < off + len - 1; i++) {
            if (line[i] == '>' && line[i + 1] == ' ') {
                return i + 2;
            }
        }
        return -1;
    }
}
