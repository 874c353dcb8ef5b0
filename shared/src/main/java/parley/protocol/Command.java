package parley.protocol;

import java.util.Locale;
import java.util.Optional;

/**
 * What a line a person sends asks for: the one grammar of parley's commands, read the same way by the server's
 * core and by both clients, so a client never takes a line for a different command than the server does.
 *
 * <p>A line is first cleaned as the server cleans what it shows ({@link TextSanitizer#clean}: control characters
 * dropped, a TAB made a space) and stripped. Then a line starting with one "/" (not "//") is a command, named by
 * what runs up to the first space, in any case: {@code " /quit"} and {@code "/QUIT<TAB>bye"} quit, while
 * "/quit", an ideographic space (U+3000) and "bye" is the unknown command "quit　bye" (only a space separates).
 * Any other line is text to say, a leading "//" saying one "/".
 *
 * <p>Java 17 has no pattern {@code switch}, so code that must handle every command does it through a
 * {@link Visitor}: adding a command then fails to compile wherever one is not handled.
 */
public sealed interface Command {

    /** Reads one line as typed; empty for a line with nothing in it once cleaned. */
    static Optional<Command> parse(String line) {
        String clean = TextSanitizer.clean(line).strip();
        if (clean.isEmpty()) {
            return Optional.empty();
        }
        if (!clean.startsWith("/")) {
            return Optional.of(new Say(clean));
        }
        if (clean.startsWith("//")) {
            return Optional.of(new Say(clean.substring(1)));
        }
        int space = clean.indexOf(' ');
        String name = (space < 0 ? clean.substring(1) : clean.substring(1, space)).toLowerCase(Locale.ROOT);
        String arg = space < 0 ? "" : clean.substring(space + 1).strip();
        return Optional.of(command(name, arg));
    }

    /**
     * {@code line} as a line that says it as it reads, never runs it: a line the grammar reads as starting with
     * "/" gets a second one ({@code " /quit"} too, since lines are stripped first); any other line is unchanged.
     */
    static String literal(String line) {
        String clean = TextSanitizer.clean(line).strip();
        return clean.startsWith("/") ? "/" + clean : line;
    }

    /** Whether {@code line} is a {@code /quit}, after which the server ends the session. */
    static boolean isQuit(String line) {
        return parse(line).orElse(null) instanceof Quit;
    }

    private static Command command(String name, String arg) {
        return switch (name) {
            case "me" -> arg.isEmpty() ? new Invalid("me", "usage: /me TEXT") : new Me(arg);
            case "msg" -> privateMessage(arg);
            case "nick" -> arg.isEmpty() ? new Invalid("nick", "usage: /nick NAME") : new Nick(arg);
            case "join" -> arg.isEmpty() ? new Invalid("join", "usage: /join ROOM")
                    : new Join(arg.startsWith("#") ? arg.substring(1) : arg);
            case "who" -> who(arg);
            case "rooms" -> new Rooms();
            case "stats" -> new Stats();
            case "help" -> new Help();
            case "quit" -> new Quit(arg);
            default -> new Unknown(name, arg);
        };
    }

    /** {@code /who}, {@code /who 2} (a page, from 1), {@code /who ali} (nicks starting so). */
    private static Command who(String arg) {
        if (arg.isEmpty()) {
            return new Who(1, "");
        }
        if (arg.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return arg.length() > 9 || Integer.parseInt(arg) == 0
                    ? new Invalid("who", "usage: /who [PAGE or PREFIX]; pages count from 1")
                    : new Who(Integer.parseInt(arg), "");
        }
        return new Who(1, arg);
    }

    private static Command privateMessage(String arg) {
        int space = arg.indexOf(' ');
        String text = space < 0 ? "" : arg.substring(space + 1).strip();
        return text.isEmpty() ? new Invalid("msg", "usage: /msg NICK TEXT") : new Msg(arg.substring(0, space), text);
    }

    <R> R accept(Visitor<R> v);

    /** One method per command; implement it to handle every one. */
    interface Visitor<R> {
        R say(Say c);

        R me(Me c);

        R msg(Msg c);

        R nick(Nick c);

        R join(Join c);

        R who(Who c);

        R rooms(Rooms c);

        R stats(Stats c);

        R help(Help c);

        R quit(Quit c);

        R unknown(Unknown c);

        R invalid(Invalid c);
    }

    /** {@code TEXT} or {@code //TEXT}: say it to the room. */
    record Say(String text) implements Command {
        public <R> R accept(Visitor<R> v) {
            return v.say(this);
        }
    }

    /** {@code /me TEXT}: an action. */
    record Me(String text) implements Command {
        public <R> R accept(Visitor<R> v) {
            return v.me(this);
        }
    }

    /** {@code /msg NICK TEXT}: a private message. */
    record Msg(String nick, String text) implements Command {
        public <R> R accept(Visitor<R> v) {
            return v.msg(this);
        }
    }

    /** {@code /nick NAME}; the name is not checked here (the core knows the rules and who holds which). */
    record Nick(String name) implements Command {
        public <R> R accept(Visitor<R> v) {
            return v.nick(this);
        }
    }

    /** {@code /join ROOM} or {@code /join #ROOM}: {@code room} is without the "#". */
    record Join(String room) implements Command {
        public <R> R accept(Visitor<R> v) {
            return v.join(this);
        }
    }

    /**
     * {@code /who}, {@code /who PAGE} or {@code /who PREFIX}: a page of the room's members (from 1), or those
     * whose nick starts with {@code prefix} when it is not empty (a line of ASCII digits is a page).
     */
    record Who(int page, String prefix) implements Command {
        /** The whole room, or its first page. */
        public Who() {
            this(1, "");
        }

        public <R> R accept(Visitor<R> v) {
            return v.who(this);
        }
    }

    /** {@code /rooms}. */
    record Rooms() implements Command {
        public <R> R accept(Visitor<R> v) {
            return v.rooms(this);
        }
    }

    /** {@code /stats}. */
    record Stats() implements Command {
        public <R> R accept(Visitor<R> v) {
            return v.stats(this);
        }
    }

    /** {@code /help}. */
    record Help() implements Command {
        public <R> R accept(Visitor<R> v) {
            return v.help(this);
        }
    }

    /** {@code /quit [REASON]}; the reason is empty when none was given. */
    record Quit(String reason) implements Command {
        public <R> R accept(Visitor<R> v) {
            return v.quit(this);
        }
    }

    /**
     * A command the server does not know (a client may: {@code /clear} is the client's own).
     *
     * @param name     in lower case, without the "/"; empty for a lone "/"
     * @param argument the rest of the line, stripped
     */
    record Unknown(String name, String argument) implements Command {
        public String reason() {
            return "unknown command /" + name + "; type /help for the list";
        }

        public <R> R accept(Visitor<R> v) {
            return v.unknown(this);
        }
    }

    /** A known command without what it needs; {@code reason} is the usage to show. */
    record Invalid(String name, String reason) implements Command {
        public <R> R accept(Visitor<R> v) {
            return v.invalid(this);
        }
    }
}
