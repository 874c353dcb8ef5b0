package parley.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import parley.client.ClientApp;
import parley.client.log.ConversationLog;
import parley.client.state.EntryFormat;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** How the client looks, shared by {@code client} and {@code demo}. */
final class ClientOptions {

    @Option(names = "--nick", paramLabel = "NAME", description = "Nick to take on connecting (default: a guest nick).")
    String nick;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Identify as --nick with the password in FILE's first line (or set PARLEY_PASSWORD); "
                    + "never on the command line, where ps would show it.")
    Path passwordFile;

    @Option(names = "--plain", description = "Line mode (JLine) instead of the full screen: for scripts, "
            + "screen readers and terminals Lanterna cannot drive. Chosen automatically without a terminal.")
    boolean plain;

    @Option(names = "--time-format", paramLabel = "PATTERN", defaultValue = EntryFormat.DEFAULT_TIME_FORMAT,
            description = "How times read in the full screen, as a java.time pattern (default: ${DEFAULT-VALUE}).")
    String timeFormat;

    /** The environment variable a password may come from instead of {@code --password-file}. */
    static final String PASSWORD_VARIABLE = "PARLEY_PASSWORD";

    /**
     * The password to identify with: {@code --password-file}'s first line, else {@code PARLEY_PASSWORD}, else
     * none. A password without {@code --nick}, an unreadable file, or a password with a space is a usage error.
     */
    Optional<String> password(CommandLine commandLine, Map<String, String> env) {
        String password;
        String source;
        if (passwordFile != null) {
            source = "--password-file " + passwordFile;
            try (BufferedReader in = Files.newBufferedReader(passwordFile)) {
                password = Objects.requireNonNullElse(in.readLine(), "");
            } catch (IOException e) {
                throw new CommandLine.ParameterException(commandLine, source + " cannot be read ("
                        + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()) + ")");
            }
        } else {
            password = env.get(PASSWORD_VARIABLE);
            source = PASSWORD_VARIABLE;
            if (password == null || password.isEmpty()) {
                return Optional.empty();
            }
        }
        if (nick == null) {
            throw new CommandLine.ParameterException(commandLine, source + " needs --nick: the password is the nick's");
        }
        if (password.isBlank() || password.strip().chars().anyMatch(Character::isWhitespace)) {
            throw new CommandLine.ParameterException(commandLine, source + ": a password is one word, without spaces");
        }
        return Optional.of(password.strip());
    }

    /** {@code app} identifying with the password, if one was given. */
    ClientApp identified(ClientApp app, CommandLine commandLine) {
        return password(commandLine, System.getenv()).map(app::withPassword).orElse(app);
    }

    @Option(names = "--log-dir", paramLabel = "DIR", description = "Log every conversation to a file per day "
            + "under DIR (default: $XDG_STATE_HOME/parley/logs, else ~/.local/state/parley/logs).")
    Path logDir;

    @Option(names = "--no-log", description = "Write no logs.")
    boolean noLog;

    /** Where conversations are logged, or null for nowhere; both flags at once is a command-line mistake. */
    Path logDir(CommandLine commandLine) {
        if (noLog && logDir != null) {
            throw new CommandLine.ParameterException(commandLine, "--log-dir and --no-log cannot go together");
        }
        if (noLog) {
            return null;
        }
        return logDir != null ? logDir : ConversationLog.defaultDirectory(System.getenv(),
                System.getProperty("user.home"));
    }

    /** The time format, checked: a pattern java.time cannot read is a command-line mistake. */
    String timeFormat(CommandLine commandLine) {
        if (!EntryFormat.validTimeFormat(timeFormat)) {
            throw new CommandLine.ParameterException(commandLine,
                    "--time-format '" + timeFormat + "' is not a java.time pattern (try HH:mm:ss)");
        }
        return timeFormat;
    }
}
