package parley.app;

import picocli.CommandLine.Option;

/** How the client looks, shared by {@code client} and {@code demo}. */
final class ClientOptions {

    @Option(names = "--nick", paramLabel = "NAME", description = "Nick to take on connecting (default: a guest nick).")
    String nick;

    @Option(names = "--plain", description = "Line mode (JLine) instead of the full screen: for scripts, "
            + "screen readers and terminals Lanterna cannot drive. Chosen automatically without a terminal.")
    boolean plain;
}
