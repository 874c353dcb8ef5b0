package parley.protocol;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Machine mode: one event per line, seven TAB-separated fields, for programs such as the TUI client.
 *
 * <pre>
 * kind TAB room TAB time TAB nick TAB address TAB history TAB text LF
 * message	lobby	2026-11-26T14:02:07.120+01:00	alice	127.0.0.1:50312	0	hello
 * </pre>
 *
 * Every field escapes backslash, TAB, CR and LF as {@code \\ \t \r \n}, so a line parses the same whatever
 * the text contains. {@code time} is ISO-8601 with milliseconds and the server's zone offset, always as
 * {@code +hh:mm} (UTC is {@code +00:00}, never {@code Z}); {@code history}
 * is {@code 1} for replayed history, else {@code 0}.
 */
public final class MachineFormat {

    private static final int FIELDS = 7;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx");

    private final DateTimeFormatter time;

    public MachineFormat(ZoneId zone) {
        this.time = TIME.withZone(zone);
    }

    public String format(ChatEvent e) {
        return String.join("\t", e.kind().wireName(), escape(e.room()), time.format(e.time()), escape(e.nick()),
                escape(e.address()), e.history() ? "1" : "0", escape(e.text()));
    }

    /**
     * Parses one machine line (without its LF).
     *
     * @throws IllegalArgumentException when the line is not a machine event (e.g. a text-mode line)
     */
    public static ChatEvent parse(String line) {
        List<String> fields = split(line);
        if (fields.size() != FIELDS) {
            throw new IllegalArgumentException("not a machine event (" + fields.size() + " fields): " + line);
        }
        try {
            return new ChatEvent(EventKind.fromWireName(fields.get(0)), fields.get(1),
                    OffsetDateTime.parse(fields.get(2), TIME).toInstant(), fields.get(3), fields.get(4),
                    fields.get(6), "1".equals(fields.get(5)));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad time in machine event: " + line, e);
        }
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
