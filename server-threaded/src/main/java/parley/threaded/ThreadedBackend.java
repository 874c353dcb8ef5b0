package parley.threaded;

import java.io.IOException;
import java.util.Optional;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import parley.core.ChatCore;
import parley.server.ConnectionThreads;
import parley.server.RunningServer;
import parley.server.ServerBackend;
import parley.server.ServerSettings;
import parley.tls.TlsSettings;

/** The blocking backend: an acceptor thread, and a reader and a writer thread per connection. */
public final class ThreadedBackend implements ServerBackend {

    @Override
    public String name() {
        return "threaded";
    }

    @Override
    public RunningServer start(ServerSettings settings, ChatCore core) throws IOException {
        return start(settings, core, Optional.empty());
    }

    @Override
    public RunningServer start(ServerSettings settings, ChatCore core, Optional<TlsSettings> tls) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        ServerSocketChannel tlsListener = null;
        try {
            listener.bind(new InetSocketAddress(settings.host(), settings.port()), settings.arrivals().backlog());
            if (tls.isPresent()) {
                tlsListener = ServerSocketChannel.open();
                tlsListener.bind(new InetSocketAddress(settings.host(), tls.get().port()), settings.arrivals().backlog());
            }
        } catch (IOException e) {
            listener.close();
            if (tlsListener != null) {
                tlsListener.close();
            }
            throw e;
        }
        ThreadedServer server = new ThreadedServer(listener, tlsListener, tls.orElse(null), settings, core,
                ConnectionThreads.create("parley-conn"));
        server.start();
        return server;
    }
}
