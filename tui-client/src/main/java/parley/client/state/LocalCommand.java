package parley.client.state;

import java.util.List;
import parley.protocol.Command;

/**
 * What a typed line asks for: one of the client's own commands, or a line for the server. The client's commands
 * are handled by the client and never reach the server, except {@code /help}, which shows both lists.
 *
 * @param verb     which command
 * @param argument the rest of the line for client commands; the whole line for {@link Verb#TO_SERVER} and
 *                 {@link Verb#QUIT}
 */
public record LocalCommand(Verb verb, String argument) {

    /** The commands the client understands itself; everything else goes to the server. */
    public enum Verb { TO_SERVER, CLEAR, BELL, ADDRESSES, IGNORE, UNIGNORE, WINDOW, QUERY, PART, HELP, QUIT }

    /** The client's commands, as /help lists them ({@code %s}: the bell mode now). */
    public static final String CLIENT_HELP = """
            Client commands:
              /clear            clear this window (PgUp still shows what it held)
              /window N         show window N (Alt-1..9; Alt-Left/Right the one before/after)
              /query NICK       a window for talking to NICK in private
              /part             close this window (not the room you are in)
              /bell [off|mention|all]  when to ring the bell (now: %s)
              /addresses [on|off]  show or hide senders' addresses (F2 toggles)
              /ignore [NICK]    hide NICK's messages (no NICK: list)
              /unignore NICK    show NICK's messages again
              /help             this list, then the server's
            Keys: PgUp/PgDn scroll, End back to the newest, Tab completes, Up/Down history, F3 nick list,
              Ctrl-A/E/K/U/W/Y edit, Alt-B/F or Ctrl-Left/Right move by words,
              Ctrl-C or Ctrl-D (empty line) quit.""";

    /** Completion candidates: the client's commands and the server's. */
    public static final List<String> COMMANDS = List.of("/addresses", "/bell", "/clear", "/help", "/history",
            "/ignore", "/join", "/me", "/msg", "/nick", "/part", "/query", "/quit", "/rooms", "/unignore", "/who",
            "/window");

    /**
     * Reads {@code line} with the server's own grammar ({@link Command#parse}): {@code " /quit"} and
     * {@code "/QUIT\tbye"} are a quit here exactly when they are one there, and {@code "\t/clear"}, a command
     * the server does not know, is the client's /clear.
     */
    public static LocalCommand parse(String line) {
        Command command = Command.parse(line).orElse(null);
        if (command instanceof Command.Quit) {
            return new LocalCommand(Verb.QUIT, line);
        }
        if (command instanceof Command.Help) {
            return new LocalCommand(Verb.HELP, "");
        }
        if (command instanceof Command.Unknown u) {
            Verb own = switch (u.name()) {
                case "clear" -> Verb.CLEAR;
                case "bell" -> Verb.BELL;
                case "addresses" -> Verb.ADDRESSES;
                case "ignore" -> Verb.IGNORE;
                case "unignore" -> Verb.UNIGNORE;
                case "window", "win" -> Verb.WINDOW;
                case "query" -> Verb.QUERY;
                case "part", "close" -> Verb.PART;
                default -> null;    // unknown to both: the server says so
            };
            if (own != null) {
                return new LocalCommand(own, u.argument());
            }
        }
        return new LocalCommand(Verb.TO_SERVER, line);
    }
}
