package parley.protocol;

import java.util.ArrayList;
import java.util.List;
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
 * <p>Registration ({@link AccountCommand}) and acting on people and rooms ({@link RoomCommand}) are two
 * families of their own, each with its visitor, so the core hands each family to the class that carries it out.
 *
 * <p>Java 17 has no pattern {@code switch}, so code that must handle every command does it through a
 * {@link Visitor}: adding a command then fails to compile wherever one is not handled.
 */
public sealed interface Command permits Command.Say, Command.Me, Command.Msg, Command.Nick, Command.Join,
        Command.Who, Command.Rooms, Command.Stats, Command.Help, Command.Quit, Command.History, Command.Unknown,
        Command.Invalid, AccountCommand, RoomCommand {

    /** What {@code /help} says about these commands; {@link AccountCommand#HELP} and {@link RoomCommand#HELP} follow. */
    String HELP = """
        Commands:
          TEXT              say TEXT to the room (//TEXT says a line starting with /)
          /me TEXT          act: * you TEXT
          /msg NICK TEXT    private message to NICK
          /nick NAME        change your nick (letters, digits, _ and -, up to 24)
          /join ROOM        go to ROOM, creating it if needed
          /who [PAGE]       who is in this room, with their addresses (a page at a time)
          /who PREFIX       who here has a nick starting with PREFIX
          /rooms            list rooms and how many are in each
          /history [N]      the room's last N lines (before|after|since ID [N]: see docs)
          /stats            what the server holds: people, rooms, lines relayed, history
          /help             this list
          /quit [REASON]    leave
        """;

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
            case "history" -> History.parse(arg);
            case "register", "identify", "drop" -> AccountCommand.parse(name, arg);
            case "kick", "ban", "unban", "bans", "mute", "unmute", "topic", "away" -> RoomCommand.parse(name, arg);
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

        R history(History c);

        /** {@code /register}, {@code /identify}, {@code /drop}: see {@link AccountCommand}. */
        R account(AccountCommand c);

        /** {@code /kick}, {@code /ban}, {@code /mute}, {@code /topic}, {@code /away} …: see {@link RoomCommand}. */
        R room(RoomCommand c);

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
     * {@code /history [N]}, {@code /history before|after|since ID [N]}: one page of the current room's history,
     * modelled on IRCv3 {@code CHATHISTORY}. The server cuts {@code limit} to its page size.
     *
     * @param direction which lines: the latest, those just before or just after {@code id}, or the latest ones
     *                  after {@code id} (a catch-up: IRCv3's {@code LATEST} with a message id)
     * @param id        the line the page is next to; 0 for {@link Direction#LATEST}
     * @param limit     the most lines wanted, at least 1
     */
    record History(Direction direction, long id, int limit) implements Command {

        /** The page size of a {@code /history} that names none. */
        public static final int DEFAULT_LIMIT = 50;

        public enum Direction {
            LATEST,
            BEFORE,
            AFTER,
            SINCE
        }

        private static final String USAGE = "usage: /history [N], or /history before|after|since ID [N]";

        static Command parse(String arg) {
            List<String> words = arg.isEmpty() ? List.of() : new ArrayList<>(List.of(arg.split(" +")));
            try {
                Direction direction = Direction.LATEST;
                if (!words.isEmpty() && !Character.isDigit(words.get(0).charAt(0))) {
                    direction = Direction.valueOf(words.remove(0).toUpperCase(Locale.ROOT));
                }
                long id = 0;
                if (direction != Direction.LATEST) {
                    id = words.isEmpty() ? -1 : Long.parseLong(words.remove(0));
                }
                if (id < 0 || words.size() > 1) {
                    return new Invalid("history", USAGE);
                }
                return new History(direction, id, words.isEmpty() ? DEFAULT_LIMIT : limit(words.get(0)));
            } catch (IllegalArgumentException e) { // a word that is no direction or no number
                return new Invalid("history", USAGE);
            }
        }

        private static int limit(String word) {
            int n = Integer.parseInt(word);
            if (n < 1) {
                throw new IllegalArgumentException("a page holds at least one line");
            }
            return n;
        }

        /** The same request with its limit cut to {@code max}. */
        public History capped(int max) {
            return limit <= max ? this : new History(direction, id, max);
        }

        /** The line a client sends for this request: {@code /history since 1041 500}. */
        public String line() {
            return "/history " + words();
        }

        /** The request without the command: {@code latest 50}, {@code before 1042 50}. */
        public String words() {
            String name = direction.name().toLowerCase(Locale.ROOT);
            return direction == Direction.LATEST ? name + " " + limit : name + " " + id + " " + limit;
        }

        public <R> R accept(Visitor<R> v) {
            return v.history(this);
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
