package parley.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import parley.history.HistoryStore;
import parley.history.StoredLine;

/** One server alone: the history store numbers each line and the core delivers it at once, still under its lock. */
public final class LocalRelay implements RoomRelay {

    private final HistoryStore store;
    private Listener core;

    public LocalRelay(HistoryStore store) {
        this.store = store;
    }

    @Override
    public void attach(Listener core) {
        this.core = core;
    }

    @Override
    public Optional<String> say(String roomKey, StoredLine.Kind kind, Instant time, String nick, String address,
                                String text) {
        core.heard(List.of(store.append(roomKey, kind, time, nick, address, text)));
        return Optional.empty();
    }
}
