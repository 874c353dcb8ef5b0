package parley.selector;

import java.io.IOException;
import java.util.Optional;
import parley.core.ChatCore;
import parley.server.RunningServer;
import parley.server.ServerBackend;
import parley.server.ServerSettings;
import parley.tls.TlsSettings;

/** The java.nio Selector event-loop backend, found by ServiceLoader under the name {@code selector}. */
public final class SelectorBackend implements ServerBackend {

    private final LoopTuning tuning;

    /** The constructor ServiceLoader uses. */
    public SelectorBackend() {
        this(LoopTuning.defaults());
    }

    SelectorBackend(LoopTuning tuning) {
        this.tuning = tuning;
    }

    @Override
    public String name() {
        return "selector";
    }

    @Override
    public RunningServer start(ServerSettings settings, ChatCore core) throws IOException {
        return start(settings, core, Optional.empty());
    }

    @Override
    public RunningServer start(ServerSettings settings, ChatCore core, Optional<TlsSettings> tls) throws IOException {
        return SelectorServer.start(settings, core, tuning, tls);
    }
}
