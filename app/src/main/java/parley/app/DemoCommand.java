package parley.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import parley.client.ClientApp;
import parley.core.ChatCore;
import parley.core.ServerLog;
import parley.server.RunningServer;
import parley.server.ServerBackend;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code parley demo}: a newcomer's one command. A server in this process on a free loopback port, a few
 * simulated people chatting on it, and the client connected to it.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Start a server with simulated users and open the client on it.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Mixin
    private ClientOptions client;

    @Mixin
    private ServerOptions server;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "selector",
            description = "Server backend (default: ${DEFAULT-VALUE}).")
    private String backendName;

    @Option(names = "--bots", paramLabel = "N", defaultValue = "3",
            description = "Simulated users who chat (default: ${DEFAULT-VALUE}).")
    private int bots;

    @Option(names = "--log", description = "Print the server's log to stderr (it would draw over the full screen).")
    private boolean log;

    @Override
    public Integer call() throws IOException {
        if (bots < 0 || bots > 200) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--bots must be between 0 and 200");
        }
        server.check(spec.commandLine());
        String timeFormat = client.timeFormat(spec.commandLine());
        // Logs only where asked for: the bots' chatter on a new port each run would only pile up.
        Path logDir = client.logDir == null ? null : client.logDir(spec.commandLine());
        ServerBackend backend = ServerCommand.BackendChoice.resolve(spec.commandLine(), backendName);
        Clock clock = Clock.systemDefaultZone();
        ServerLog serverLog = log ? new StderrLog(clock, spec.commandLine().getErr()) : ServerLog.silent();
        // History in memory (the core's default): the bots' chatter is not worth keeping, and a demo must not
        // take the history file of a real server on this machine. The bots and the client all come from
        // 127.0.0.1: no per-address cap in the demo.
        RunningServer running = backend.start(server.settings("127.0.0.1", 0, serverLog)
                .withLimits(l -> l.withConnectionCaps(l.maxClients(), 0)), new ChatCore(clock, serverLog,
                server.core()));
        try (DemoBots people = new DemoBots(System.nanoTime())) {
            people.start(running.address(), bots);
            PrintWriter err = spec.commandLine().getErr();
            err.println("parley demo: " + backend.name() + " server on 127.0.0.1:" + running.address().getPort()
                    + " with " + bots + " bots (others can join: parley client --port "
                    + running.address().getPort() + ")");
            err.flush();
            return ClientCommand.run(new ClientApp("127.0.0.1", running.address().getPort(), client.nick, clock,
                    timeFormat).loggingTo(logDir), client.plain);
        } finally {
            running.shutdown(Duration.ofSeconds(1));
        }
    }
}
