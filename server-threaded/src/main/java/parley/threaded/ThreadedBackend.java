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

/** The blocking backend: an acceptor thread, and per connection a reader thread and, while it has output, a writer. */
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
        ConnectionThreads threads = ConnectionThreads.create("parley-conn");
        ThreadedServer server = new ThreadedServer(listener, tlsListener, tls.orElse(null), settings, core,
                threads, writersEndWhenIdle(threads));
        server.start();
        return server;
    }

    /**
     * A virtual writer ends as soon as it has written everything: starting the next one costs less than parking it
     * (a parked virtual thread keeps its stack in the heap, and a timed wait for more cost a timer task per park).
     * Platform writers (Java 17) stay: starting one costs tens of microseconds, and would happen under the core's
     * lock.
     */
    static boolean writersEndWhenIdle(ConnectionThreads threads) {
        return threads.isVirtual();
    }
}
