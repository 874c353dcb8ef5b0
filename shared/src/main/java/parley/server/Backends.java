package parley.server;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The backends on the class path, by name. */
public final class Backends {

    private final Map<String, ServerBackend> byName = new TreeMap<>();

    private Backends(Iterable<ServerBackend> found) {
        found.forEach(b -> byName.put(b.name(), b));
    }

    /** Every backend registered in {@code META-INF/services/parley.server.ServerBackend}. */
    public static Backends discover() {
        return new Backends(ServiceLoader.load(ServerBackend.class));
    }

    public Optional<ServerBackend> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Iterable<String> names() {
        return byName.keySet();
    }
}
