package parley.app;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.Callable;
import parley.client.ClientApp;
import parley.server.ServerSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parley client}: the full-screen client, or line mode with {@code --plain}. */
@Command(name = "client", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Connect to a parley server.")
final class ClientCommand implements Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Mixin
    private ClientOptions client;

    @Mixin
    private ClientTlsOptions tls;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server address (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--port", defaultValue = "" + ServerSettings.DEFAULT_PORT,
            description = "Server port (default: ${DEFAULT-VALUE}).")
    private int port;

    @Override
    public Integer call() throws IOException {
        Ports.check(spec.commandLine(), port);
        if (port == 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port 0 is for servers; give the server's port");
        }
        ClientApp app = new ClientApp(host, port, client.nick, Clock.systemDefaultZone(),
                client.timeFormat(spec.commandLine())).over(tls.dialer(spec.commandLine()))
                .loggingTo(client.logDir(spec.commandLine()));
        return run(client.identified(app, spec.commandLine()), client.plain);
    }

    /** Full screen when there is a terminal and line mode was not asked for. */
    static int run(ClientApp app, boolean plain) throws IOException {
        return plain || !ClientApp.interactiveTerminal() ? app.runPlain() : app.runFullScreen();
    }
}
