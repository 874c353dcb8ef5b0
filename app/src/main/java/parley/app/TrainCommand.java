package parley.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import parley.core.ChatCore;
import parley.server.Arrivals;
import parley.server.Backends;
import parley.server.ConnectRate;
import parley.server.RunningServer;
import parley.server.ServerBackend;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code parley train}: the training run behind the launcher's start-up cache (README.md, "The start-up
 * cache"). The launcher runs it once per build, under {@code -XX:AOTCacheOutput}: the JVM then keeps every class
 * it loaded and linked and the profiles of the methods it ran, and a server started with {@code -XX:AOTCache}
 * begins with them instead of loading, interpreting and profiling while the first crowd of users waits.
 *
 * <p>So this runs what a server does when a crowd arrives, on every backend, in this process, on a loopback
 * port: a crowd bigger than the presence limit arrives in #lobby and reads its welcomes, talks, changes nicks,
 * asks /who, and leaves. With the server's own option classes and log (into nothing). It is hidden: a user never
 * needs it, and what it prints is one line for the launcher's log.
 */
@Command(name = "train", hidden = true, mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "A short self-run of every backend with a crowd of loopback clients: the training run of "
                + "the launcher's ahead-of-time cache.")
final class TrainCommand implements Callable<Integer> {

    /** Above the default presence limit (150), so the big room's arrivals and summaries are trained too. */
    static final int DEFAULT_CLIENTS = 400;

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private ServerOptions server;

    @Mixin
    private OperationsOptions operations;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "" + DEFAULT_CLIENTS,
            description = "Clients arriving on each backend (default: ${DEFAULT-VALUE}).")
    private int clients;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (clients < 1 || clients > 5_000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--clients must be between 1 and 5000");
        }
        server.check(spec.commandLine());
        Backends backends = Backends.discover();
        Clock clock = Clock.systemDefaultZone();
        for (String name : backends.names()) {
            ServerBackend backend = backends.find(name).orElseThrow();
            // The server's own log, into nothing: its formatting is part of every arrival.
            try (StderrLog log = operations.openLog(clock, new PrintWriter(Writer.nullWriter()))) {
                // All clients come from 127.0.0.1 at once: no per-address cap and no connect rate limit.
                RunningServer running = backend.start(server.settings("127.0.0.1", 0, log)
                        .withLimits(l -> l.withConnectionCaps(l.maxClients(), 0))
                        .withArrivals(Arrivals.defaults().withRate(ConnectRate.Limits.OFF)),
                        new ChatCore(clock, log, server.core()));
                try {
                    crowd(running.address());
                } catch (IOException e) {
                    throw new IOException("a training connection to the " + name + " backend failed: "
                            + e.getMessage(), e);
                } finally {
                    running.shutdown(Duration.ofSeconds(1));
                }
            }
        }
        spec.commandLine().getOut().println("trained " + String.join(", ", backends.names()) + " with " + clients
                + " clients each");
        return CommandLine.ExitCode.OK;
    }

    /** The crowd arrives (each reads its welcome), every one talks, and all leave. */
    private void crowd(InetSocketAddress address) throws IOException {
        List<Trainee> crowd = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                Trainee t = Trainee.connect(address);
                crowd.add(t);
                if (t.in().readLine() == null) {
                    throw new IOException("the server closed a training connection before its welcome");
                }
            }
            for (int i = 0; i < crowd.size(); i++) {
                OutputStream out = crowd.get(i).socket().getOutputStream();
                out.write(("hello from " + i + "\n/nick trainee" + i + "\n/who\n/me waves\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            // Each reads until it has heard its own line back: what it was sent before has been through the
            // output path by then.
            for (int i = 0; i < crowd.size(); i++) {
                String own = "hello from " + i;
                String line = crowd.get(i).in().readLine();
                while (line != null && !line.endsWith(own)) {
                    line = crowd.get(i).in().readLine(); // another's line
                }
                if (line == null) {
                    throw new IOException("the server closed a training connection before it heard its own line");
                }
            }
        } finally {
            for (Trainee t : crowd) {
                t.socket().close();
            }
        }
    }

    /** One client of the crowd: its socket and the reader of its lines. */
    private record Trainee(Socket socket, BufferedReader in) {
        static Trainee connect(InetSocketAddress address) throws IOException {
            Socket s = new Socket(address.getAddress(), address.getPort());
            s.setSoTimeout((int) READ_TIMEOUT.toMillis());
            return new Trainee(s,
                    new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)));
        }
    }
}
