package parley.app;

import java.nio.file.Path;
import parley.client.log.ConversationLog;
import parley.client.state.EntryFormat;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** How the client looks, shared by {@code client} and {@code demo}. */
final class ClientOptions {

    @Option(names = "--nick", paramLabel = "NAME", description = "Nick to take on connecting (default: a guest nick).")
    String nick;

    @Option(names = "--plain", description = "Line mode (JLine) instead of the full screen: for scripts, "
            + "screen readers and terminals Lanterna cannot drive. Chosen automatically without a terminal.")
    boolean plain;

    @Option(names = "--time-format", paramLabel = "PATTERN", defaultValue = EntryFormat.DEFAULT_TIME_FORMAT,
            description = "How times read in the full screen, as a java.time pattern (default: ${DEFAULT-VALUE}).")
    String timeFormat;

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
