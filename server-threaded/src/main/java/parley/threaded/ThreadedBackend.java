package parley.threaded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import parley.core.ChatCore;
import parley.server.ConnectionThreads;
import parley.server.RunningServer;
import parley.server.ServerBackend;
import parley.server.ServerSettings;

/** The blocking backend: an acceptor thread, and a reader and a writer thread per connection. */
public final class ThreadedBackend implements ServerBackend {

    @Override
    public String name() {
        return "threaded";
    }

    @Override
    public RunningServer start(ServerSettings settings, ChatCore core) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        try {
            listener.bind(new InetSocketAddress(settings.host(), settings.port()), settings.arrivals().backlog());
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        ThreadedServer server = new ThreadedServer(listener, settings, core, ConnectionThreads.create("parley-conn"));
        server.start();
        return server;
    }
}
