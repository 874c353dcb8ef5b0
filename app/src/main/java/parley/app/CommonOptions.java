package parley.app;

import picocli.CommandLine.Option;

/** Options every subcommand takes. */
final class CommonOptions {

    @Option(names = "--verbose", description = "Show stack traces with errors.")
    boolean verbose;
}
