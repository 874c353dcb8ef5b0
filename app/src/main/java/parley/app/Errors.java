package parley.app;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * How mistakes reach a person: one sentence on stderr and an exit code (2 for a usage error, 1 for a
 * failure at run time); the stack trace only with {@code --verbose}.
 */
final class Errors {

    private Errors() {
    }

    static int usageError(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("parley: " + e.getMessage());
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        return CommandLine.ExitCode.USAGE;
    }

    static int runtimeError(Exception e, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        err.println("parley: " + sentence(e));
        if (isVerbose(parsed)) {
            e.printStackTrace(err);
        }
        return CommandLine.ExitCode.SOFTWARE;
    }

    private static String sentence(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return e instanceof java.net.BindException ? "cannot listen there: " + message : message;
    }

    private static boolean isVerbose(ParseResult parsed) {
        for (ParseResult r = parsed; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
