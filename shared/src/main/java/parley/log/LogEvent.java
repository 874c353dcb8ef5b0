package parley.log;

import java.util.ArrayList;
import java.util.List;

/**
 * One thing the server logs: a level, an event name, a message template and typed fields, so that one event can
 * be written as a text line or as a JSON object, with addresses shown as the operator chose
 * ({@link AddressPolicy}) and repeats told apart from new things ({@link #key()}).
 *
 * <pre>
 *  LogEvent.info("disconnect", "{address} {nick} ({reason})")
 *          .address("address", "10.0.0.1:51234").nick("nick", "ada").text("reason", "quit: bye")
 *  text:  disconnect 10.0.0.1:51234 ada (quit: bye)
 * </pre>
 *
 * Free text is bounded as it is added, before the event is queued anywhere: a nick to {@link #NICK_CHARS}, any
 * other text to {@link #TEXT_CHARS}, cut with an ellipsis and its original length, and control characters
 * become U+FFFD, so no client can make the log long or forge a line of it.
 */
public final class LogEvent {

    /** How loud an event is. */
    public enum Level { INFO, WARN }

    /** What a field holds, which says how it is shown and whether it tells repeats apart. */
    public enum Kind {
        /** {@code ip}, {@code ip:port} or {@code [ip6]:port}: shown by the {@link AddressPolicy}; its ip groups repeats. */
        ADDRESS,
        /** Free text from a client or the system, bounded. */
        TEXT,
        /** One of a few fixed words (a refusal reason): groups repeats. */
        LABEL,
        /** A count or size. */
        NUMBER
    }

    /** One named value of an event. */
    public record Field(String name, Kind kind, Object value) {
    }

    /** The longest nick the log shows: longer than any valid nick (24), so only an invalid one is cut. */
    public static final int NICK_CHARS = 32;
    /** The longest other text the log shows (a quit reason, an error message). */
    public static final int TEXT_CHARS = 200;
    /** The longest {@link #plain} line: the server's own words (a file path, a store's state), rarely a client's. */
    public static final int PLAIN_CHARS = 1000;
    /** The event name of {@link #plain} lines. */
    public static final String PLAIN = "log";

    private final Level level;
    private final String name;
    private final String template;
    private final List<Field> fields = new ArrayList<>(4);

    private LogEvent(Level level, String name, String template) {
        this.level = level;
        this.name = name;
        this.template = template;
    }

    /** An event: {@code template} says how its fields read in a text line, {@code {field}} for each. */
    public static LogEvent info(String name, String template) {
        return new LogEvent(Level.INFO, name, template);
    }

    public static LogEvent warn(String name, String template) {
        return new LogEvent(Level.WARN, name, template);
    }

    /** A line of text that names no event: its whole text tells its repeats apart. */
    public static LogEvent plain(String text) {
        return new LogEvent(Level.INFO, PLAIN, "{text}").add("text", Kind.LABEL, bounded(text, PLAIN_CHARS));
    }

    /** Same level, name and template, fresh fields: what a summary of repeats is built from. */
    LogEvent like(String template) {
        return new LogEvent(level, name, template);
    }

    public LogEvent address(String field, String address) {
        return add(field, Kind.ADDRESS, address);
    }

    public LogEvent nick(String field, String nick) {
        return add(field, Kind.TEXT, bounded(nick, NICK_CHARS));
    }

    public LogEvent text(String field, String text) {
        return add(field, Kind.TEXT, bounded(text, TEXT_CHARS));
    }

    /** A value from a small fixed set (never a client's text): events that differ in it are not repeats. */
    public LogEvent label(String field, String value) {
        return add(field, Kind.LABEL, bounded(value, TEXT_CHARS));
    }

    public LogEvent number(String field, long value) {
        return add(field, Kind.NUMBER, value);
    }

    private LogEvent add(String field, Kind kind, Object value) {
        fields.add(new Field(field, kind, value));
        return this;
    }

    public Level level() {
        return level;
    }

    public String name() {
        return name;
    }

    public List<Field> fields() {
        return List.copyOf(fields);
    }

    /** A field's value as shown: an address through {@code addresses}, anything else as it is. */
    public static Object shown(Field f, AddressPolicy addresses) {
        return f.kind() == Kind.ADDRESS ? addresses.show((String) f.value()) : f.value();
    }

    /** The event as one line of text, without the time: its name, then its template filled in. */
    public String message(AddressPolicy addresses) {
        StringBuilder out = new StringBuilder(64);
        if (!name.equals(PLAIN)) {
            out.append(name).append(' ');
        }
        int at = 0;
        while (at < template.length()) {
            int open = template.indexOf('{', at);
            int close = open < 0 ? -1 : template.indexOf('}', open);
            if (close < 0) {
                out.append(template, at, template.length());
                break;
            }
            out.append(template, at, open);
            Field f = field(template.substring(open + 1, close));
            if (f == null) {
                out.append(template, open, close + 1);
            } else {
                out.append(shown(f, addresses));
            }
            at = close + 1;
        }
        return out.toString();
    }

    /**
     * What makes two events repeats of each other: the same name, labels and addresses (without the port: a
     * storm from one host uses a new port for every connection). Free text and numbers do not count.
     */
    public String key() {
        StringBuilder k = new StringBuilder(name);
        for (Field f : fields) {
            if (f.kind() == Kind.LABEL) {
                k.append('\u0000').append(f.value());
            } else if (f.kind() == Kind.ADDRESS) {
                k.append('\u0000').append(AddressPolicy.host((String) f.value()));
            }
        }
        return k.toString();
    }

    /** The fields that {@link #key()} reads, an address without its port: what a summary of repeats shows. */
    List<Field> grouping() {
        List<Field> out = new ArrayList<>();
        for (Field f : fields) {
            if (f.kind() == Kind.LABEL) {
                out.add(f);
            } else if (f.kind() == Kind.ADDRESS) {
                out.add(new Field(f.name(), Kind.ADDRESS, AddressPolicy.host((String) f.value())));
            }
        }
        return out;
    }

    LogEvent with(Field f) {
        return add(f.name(), f.kind(), f.value());
    }

    private Field field(String fieldName) {
        for (Field f : fields) {
            if (f.name().equals(fieldName)) {
                return f;
            }
        }
        return null;
    }

    /**
     * {@code text} with control characters made U+FFFD (no line of the log can be forged), cut to {@code max}
     * characters with an ellipsis and the original length if longer: {@code aaaa… (4096 chars)}.
     */
    static String bounded(String text, int max) {
        if (text == null) {
            return "null";
        }
        int keep = text.length() <= max ? text.length() : max;
        if (keep < text.length() && keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--; // never half a character
        }
        StringBuilder out = new StringBuilder(keep + 24);
        for (int i = 0; i < keep; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? '\uFFFD' : c);
        }
        if (keep < text.length()) {
            out.append("… (").append(text.length()).append(" chars)");
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return message(AddressPolicy.full());
    }
}
