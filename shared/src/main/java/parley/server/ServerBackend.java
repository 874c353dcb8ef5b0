package parley.server;

import java.io.IOException;
import parley.core.ChatCore;

/**
 * A way of moving bytes between sockets and the {@link ChatCore}. Implementations are found with
 * {@link java.util.ServiceLoader} (see {@link Backends}), so the launcher names no backend class.
 */
public interface ServerBackend {

    /** The name chosen with {@code --backend}, e.g. {@code selector}. */
    String name();

    /** Binds and starts serving; returns once the server is accepting connections. */
    RunningServer start(ServerSettings settings, ChatCore core) throws IOException;
}
