package parley.client.net;

import java.util.Locale;
import java.util.Optional;
import parley.protocol.TextSanitizer;

/**
 * A typed line read the way the server reads it (parley.core.ChatCore's {@code receive} and {@code command}), so
 * that the client never takes a line for a different command than the server does: the line is cleaned as the
 * server cleans it ({@link TextSanitizer#clean}: control characters dropped, a TAB made a space) and stripped;
 * then a line starting with one "/" (not "//") is a command, named by what runs up to the first space, in any
 * case. So {@code " /quit"} and {@code "/QUIT<TAB>bye"} quit, while "/quit", an ideographic space (U+3000) and
 * "bye" is an unknown command to the server, so it is one here too: the server splits at a space only.
 *
 * @param name     the command's name in lower case, without the "/": {@code "quit"}; empty for a lone "/"
 * @param argument the rest of the line, stripped
 */
public record CommandLine(String name, String argument) {

    /** The command {@code line} gives the server, or empty when the server takes it as text to say. */
    public static Optional<CommandLine> parse(String line) {
        String clean = TextSanitizer.clean(line).strip();
        if (!clean.startsWith("/") || clean.startsWith("//")) {
            return Optional.empty();
        }
        int space = clean.indexOf(' ');
        String name = (space < 0 ? clean.substring(1) : clean.substring(1, space)).toLowerCase(Locale.ROOT);
        String argument = space < 0 ? "" : clean.substring(space + 1).strip();
        return Optional.of(new CommandLine(name, argument));
    }

    /** Whether the server ends the session on {@code line}. */
    public static boolean isQuit(String line) {
        return parse(line).map(c -> c.name().equals("quit")).orElse(false);
    }

    /**
     * {@code line} as text the server says as it reads, never runs: a line it would read as starting with "/"
     * gets a second one (the server strips the line first, so {@code " /quit"} is escaped too).
     */
    public static String literal(String line) {
        String clean = TextSanitizer.clean(line).strip();
        return clean.startsWith("/") ? "/" + clean : line;
    }
}
