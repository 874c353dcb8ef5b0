package parley.threaded;

import java.io.IOException;
import java.time.Duration;
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

    /**
     * How long a virtual writer with nothing to write lives on: a second, so a conversation keeps its writer
     * and a connection that only hears a summary now and then parks one thread, not two.
     */
    static final Duration VIRTUAL_WRITER_LINGER = Duration.ofSeconds(1);
    /** Platform writers never end: starting one costs tens of microseconds, and would happen under the core's lock. */
    static final Duration FOREVER = Duration.ofNanos(Long.MAX_VALUE);

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
                threads, writerLinger(threads));
        server.start();
        return server;
    }

    static Duration writerLinger(ConnectionThreads threads) {
        return threads.isVirtual() ? VIRTUAL_WRITER_LINGER : FOREVER;
    }
}
