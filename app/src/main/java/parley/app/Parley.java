package parley.app;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** The {@code parley} command: a small class per subcommand, shared options as mixins. */
@Command(name = "parley", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "A terminal chat system: a server with two interchangeable backends and a full-screen client.",
        subcommands = {ServerCommand.class, ClientCommand.class, DemoCommand.class, parley.bench.BenchCommand.class,
            TrainCommand.class, CommandLine.HelpCommand.class})
public final class Parley implements Runnable {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    public static void main(String[] args) {
        System.exit(commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args));
    }

    /** The configured command line, with its output streams, so tests can capture them. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Parley());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler(Errors::usageError);
        cl.setExecutionExceptionHandler(Errors::runtimeError);
        return cl;
    }
}
