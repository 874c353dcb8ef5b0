package parley.protocol;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Machine mode: one event per line, TAB-separated fields, for programs such as the TUI client. PARLEY/1 has
 * seven fields; PARLEY/2 has an eighth, the id of a message or action (empty for other kinds), and frames
 * history pages with {@code history-start} and {@code history-end} lines ({@link HistoryBatch}).
 *
 * <pre>
 * PARLEY/1: kind TAB room TAB time TAB nick TAB address TAB history TAB text LF
 * message	lobby	2026-11-26T14:02:07.120+01:00	alice	127.0.0.1:50312	0	hello
 * PARLEY/2: kind TAB room TAB time TAB nick TAB address TAB history TAB id TAB text LF
 * message	lobby	2026-11-26T14:02:07.120+01:00	alice	127.0.0.1:50312	0	1042	hello
 * </pre>
 *
 * Every field escapes backslash, TAB, CR and LF as {@code \\ \t \r \n}, so a line parses the same whatever
 * the text contains. {@code time} is ISO-8601 with milliseconds and the server's zone offset, always as
 * {@code +hh:mm} (UTC is {@code +00:00}, never {@code Z}); {@code history}
 * is {@code 1} for replayed history, else {@code 0}.
 */
public final class MachineFormat {

    private static final int FIELDS = 7;
    private static final int FIELDS_V2 = 8;
    private static final String BATCH_START = "history-start";
    private static final String BATCH_END = "history-end";
    /** A count in a members or presence event: {@code +N} or {@code N}, small enough for an int. */
    private static final Pattern COUNT = Pattern.compile("\\+?\\d{1,9}");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx");

    private final DateTimeFormatter time;
    private final boolean withIds;

    /** PARLEY/1. */
    public MachineFormat(ZoneId zone) {
        this(zone, WireMode.MACHINE);
    }

    /** {@link WireMode#MACHINE} (PARLEY/1) or {@link WireMode#MACHINE_V2} (PARLEY/2, with ids and batches). */
    public MachineFormat(ZoneId zone, WireMode version) {
        if (version == WireMode.TEXT) {
            throw new IllegalArgumentException("text mode is TextFormat's");
        }
        this.time = TIME.withZone(zone);
        this.withIds = version == WireMode.MACHINE_V2;
    }

    /** The start or end line of a history page: PARLEY/2's own kinds; a notice in PARLEY/1, which has none. */
    public String format(HistoryBatch b) {
        if (!withIds) {
            return format(new ChatEvent.Info(b.room(), b.time(), b.describe()));
        }
        return String.join("\t", b.start() ? BATCH_START : BATCH_END, escape(b.room()), time.format(b.time()),
                "", "", "0", "", b.lines() + " " + b.more() + " " + b.request().words());
    }

    public String format(ChatEvent e) {
        return e.accept(new ChatEvent.Visitor<>() {
            @Override
            public String welcome(ChatEvent.Welcome w) {
                return line("welcome", w.room(), w, w.you().nick(), w.you().address(), w.text());
            }

            @Override
            public String message(ChatEvent.Message m) {
                return spoken("message", m);
            }

            @Override
            public String action(ChatEvent.Action a) {
                return spoken("action", a);
            }

            @Override
            public String privateMessage(ChatEvent.Private p) {
                return line("private", p.to(), p, p.from().nick(), p.from().address(), p.text());
            }

            @Override
            public String join(ChatEvent.Join j) {
                return line("join", j.room(), j, j.who().nick(), j.who().address(), "");
            }

            @Override
            public String leave(ChatEvent.Leave l) {
                return line("leave", l.room(), l, l.who().nick(), l.who().address(), l.reason());
            }

            @Override
            public String nickChange(ChatEvent.NickChange n) {
                return line("nick", n.room(), n, n.oldNick(), n.address(), n.newNick());
            }

            /** {@code nick@address ...}, then {@code +N} when N more are in the room than are listed. */
            @Override
            public String members(ChatEvent.Members m) {
                int more = m.count() - m.members().size();
                return line("members", m.room(), m, "", "", m.members().stream()
                        .map(who -> who.nick() + "@" + who.address()).collect(Collectors.joining(" "))
                        + (more == 0 ? "" : (m.members().isEmpty() ? "+" : " +") + more));
            }

            /** {@code joined=120 left=14 renamed=3 count=10106 arrivals=alice,bob}: nicks hold no comma. */
            @Override
            public String presence(ChatEvent.Presence p) {
                return line("presence", p.room(), p, "", "", "joined=" + p.joined() + " left=" + p.left()
                        + " renamed=" + p.renamed() + " count=" + p.count()
                        + " arrivals=" + String.join(",", p.arrivals()));
            }

            @Override
            public String info(ChatEvent.Info i) {
                return line("info", i.room(), i, "", "", i.text());
            }

            @Override
            public String error(ChatEvent.Error r) {
                return line("error", r.room(), r, "", "", r.text());
            }
        });
    }

    private String spoken(String kind, ChatEvent.Spoken e) {
        return line(kind, e.room(), e, e.from().nick(), e.from().address(), e.id(), e.text());
    }

    private String line(String kind, String room, ChatEvent e, String nick, String address, String text) {
        return line(kind, room, e, nick, address, 0, text);
    }

    /** {@code id} 0 is written as an empty field (PARLEY/2) or not at all (PARLEY/1). */
    private String line(String kind, String room, ChatEvent e, String nick, String address, long id, String text) {
        String head = String.join("\t", kind, escape(room), time.format(e.time()), escape(nick), escape(address),
                e.history() ? "1" : "0");
        if (!withIds) {
            return head + "\t" + escape(text);
        }
        return head + "\t" + (id == 0 ? "" : Long.toString(id)) + "\t" + escape(text);
    }

    /**
     * Parses one machine line (without its LF), PARLEY/1 or PARLEY/2 (told apart by the number of fields). A
     * field a kind does not use is ignored, as is the history flag of any kind but {@code message} and
     * {@code action}. A PARLEY/1 message or action has id 0.
     *
     * @throws IllegalArgumentException when the line is not a machine event (e.g. a text-mode line, or a
     *                                  history frame: see {@link #parseBatch})
     */
    public static ChatEvent parse(String line) {
        List<String> f = fields(line);
        Instant at = time(f, line);
        String room = f.get(1);
        Member who = new Member(f.get(3), f.get(4));
        boolean history = "1".equals(f.get(5));
        long id = 0;
        if (f.size() == FIELDS_V2 && !f.get(6).isEmpty()) {
            id = number(f.get(6), line);
        }
        String text = f.get(f.size() - 1);
        return switch (f.get(0)) {
            case "welcome" -> new ChatEvent.Welcome(room, at, who, text);
            case "message" -> new ChatEvent.Message(room, at, who, text, history, id);
            case "action" -> new ChatEvent.Action(room, at, who, text, history, id);
            case "private" -> new ChatEvent.Private(at, who, room, text);
            case "join" -> new ChatEvent.Join(room, at, who);
            case "leave" -> new ChatEvent.Leave(room, at, who, text);
            case "nick" -> new ChatEvent.NickChange(room, at, who.nick(), text, who.address());
            case "members" -> members(room, at, text);
            case "presence" -> presence(room, at, text, line);
            case "info" -> new ChatEvent.Info(room, at, text);
            case "error" -> new ChatEvent.Error(room, at, text);
            default -> throw new IllegalArgumentException("unknown kind of machine event: " + line);
        };
    }

    /** The history frame {@code line} is, if it is one (PARLEY/2's {@code history-start}, {@code history-end}). */
    public static Optional<HistoryBatch> parseBatch(String line) {
        boolean start = line.startsWith(BATCH_START + "\t");
        if (!start && !line.startsWith(BATCH_END + "\t")) {
            return Optional.empty();
        }
        List<String> f = fields(line);
        String[] words = f.get(f.size() - 1).split(" ", 3);
        if (words.length < 3 || !(Command.History.parse(words[2]) instanceof Command.History request)) {
            throw new IllegalArgumentException("bad history frame: " + line);
        }
        return Optional.of(new HistoryBatch(f.get(1), time(f, line), start, (int) number(words[0], line),
                number(words[1], line), request));
    }

    private static List<String> fields(String line) {
        List<String> f = split(line);
        if (f.size() != FIELDS && f.size() != FIELDS_V2) {
            throw new IllegalArgumentException("not a machine event (" + f.size() + " fields): " + line);
        }
        return f;
    }

    private static Instant time(List<String> f, String line) {
        try {
            return OffsetDateTime.parse(f.get(2), TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad time in machine event: " + line, e);
        }
    }

    private static long number(String field, String line) {
        try {
            return Long.parseLong(field);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number (" + field + ") in machine event: " + line, e);
        }
    }

    /**
     * {@code nick@ip:port nick@ip:port +N}: a nick never holds a space or an {@code @}; {@code +N} says N more
     * are in the room than are listed. Anything else is skipped, so a later addition cannot break a reader.
     */
    private static ChatEvent.Members members(String room, Instant at, String list) {
        List<Member> out = new ArrayList<>();
        long more = 0;
        for (String entry : list.split(" ")) {
            int sign = entry.indexOf('@');
            if (sign > 0) {
                out.add(new Member(entry.substring(0, sign), entry.substring(sign + 1)));
            } else if (COUNT.matcher(entry).matches() && entry.startsWith("+")) {
                more = Long.parseLong(entry.substring(1));
            }
        }
        return new ChatEvent.Members(room, at, out, (int) Math.min(Integer.MAX_VALUE, out.size() + more));
    }

    /** {@code key=value} pairs in any order; a key this reader does not know is skipped. */
    private static ChatEvent.Presence presence(String room, Instant at, String text, String line) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : text.split(" ")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        String arrivals = fields.getOrDefault("arrivals", "");
        return new ChatEvent.Presence(room, at, number(fields, "joined", line), number(fields, "left", line),
                number(fields, "renamed", line), number(fields, "count", line),
                arrivals.isEmpty() ? List.of() : List.of(arrivals.split(",")));
    }

    private static int number(Map<String, String> fields, String key, String line) {
        String value = fields.getOrDefault(key, "0");
        if (!COUNT.matcher(value).matches()) {
            throw new IllegalArgumentException("bad " + key + " in machine event: " + line);
        }
        return Integer.parseInt(value);
    }

    static String escape(String s) {
        if (s.indexOf('\\') < 0 && s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Splits on raw TABs and undoes the escapes in each field. */
    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>(FIELDS);
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\\' && i + 1 < line.length()) {
                char next = line.charAt(++i);
                field.append(switch (next) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
