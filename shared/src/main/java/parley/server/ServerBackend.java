package parley.server;

import java.io.IOException;
import java.util.Optional;
import parley.core.ChatCore;
import parley.tls.TlsSettings;

/**
 * A way of moving bytes between sockets and the {@link ChatCore}. Implementations are found with
 * {@link java.util.ServiceLoader} (see {@link Backends}), so the launcher names no backend class.
 */
public interface ServerBackend {

    /** The name chosen with {@code --backend}, e.g. {@code selector}. */
    String name();

    /** Binds and starts serving; returns once the server is accepting connections. */
    RunningServer start(ServerSettings settings, ChatCore core) throws IOException;

    /**
     * The same, with a TLS port next to the plain one when {@code tls} is present. TLS is transport only: the
     * core sees the same sessions, with the same ip:port addresses, whichever port they came in on. A backend
     * without TLS refuses to start with one.
     */
    default RunningServer start(ServerSettings settings, ChatCore core, Optional<TlsSettings> tls) throws IOException {
        if (tls.isPresent()) {
            throw new IOException("the " + name() + " backend has no TLS port");
        }
        return start(settings, core);
    }
}
