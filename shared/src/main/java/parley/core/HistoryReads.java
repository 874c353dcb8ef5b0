package parley.core;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import parley.history.HistoryStore;
import parley.history.HistoryStoreException;
import parley.history.StoredLine;
import parley.protocol.ChatEvent;
import parley.protocol.Command;
import parley.protocol.HistoryBatch;
import parley.protocol.Member;

/**
 * The core's reads of its {@link HistoryStore}: a room's recent lines at start, a {@code /history} fetch, and the
 * replay for a room made again. Nothing here reads the store under the core's lock: a fetch is read on the
 * {@code reads} executor and comes back under the lock, sent as one batch framed by {@link HistoryBatch} lines.
 *
 * <pre>
 *  Commands.history / ChatCore.welcome (lock) --> fetch --> reads executor: HistoryPage.read(store)
 *                                                                |
 *  session <-- HistoryBatch start, lines, end <-- deliver (lock) <-+
 * </pre>
 */
final class HistoryReads {

    private final ChatCore core;
    private final HistoryStore store;
    private final Executor reads;
    private final Clock clock;
    private final ServerLog log;

    HistoryReads(ChatCore core, HistoryStore store, Executor reads, Clock clock, ServerLog log) {
        this.core = core;
        this.store = store;
        this.reads = reads;
        this.clock = clock;
        this.log = log;
    }

    /** A stored line as the event its room's members get; {@code history} marks it as replayed. */
    static ChatEvent.Spoken spoken(Room room, StoredLine line, boolean history) {
        Member from = new Member(line.nick(), line.address());
        return line.kind() == StoredLine.Kind.ACTION
                ? new ChatEvent.Action(room.name(), line.time(), from, line.text(), history, line.id())
                : new ChatEvent.Message(room.name(), line.time(), from, line.text(), history, line.id());
    }

    /** Reads a room's {@code size} recent lines at start, on the starting thread, before any session exists. */
    void preload(Room room, int size) {
        try {
            room.merge(store.latest(room.key(), size).stream()
                    .map(line -> spoken(room, line, true)).toList());
        } catch (HistoryStoreException e) {
            log.info(e.getMessage() + "; #" + room.name() + " will read its history when someone joins");
        }
    }

    /**
     * Reads one page of {@code room}'s history on the reads executor, then sends it to {@code s} under the lock.
     * A room not yet {@link Room#loaded()} takes the page as its recent history. {@code quietIfEmpty}: an
     * empty page is not sent at all (the replay on entering a room that has no history says nothing, as ever).
     * Called with the lock held.
     */
    void fetch(Session s, Room room, Command.History request, boolean quietIfEmpty) {
        if (core.overloaded()) {
            core.refuse(s, ChatCore.BUSY);
            return;
        }
        String key = room.key();
        try {
            reads.execute(() -> {
                HistoryPage page;
                try {
                    page = HistoryPage.read(store, key, request);
                } catch (HistoryStoreException e) {
                    core.locked(() -> {
                        if (s.isOpen()) {
                            core.refuse(s, e.getMessage());
                        }
                    });
                    return;
                }
                core.locked(() -> deliver(s, room, request, page, quietIfEmpty));
            });
        } catch (RejectedExecutionException e) {
            core.refuse(s, "the server is busy reading history; ask again in a moment");
        }
    }

    /** Sends {@code page} to {@code s} as one framed batch; called with the lock held. */
    void deliver(Session s, Room room, Command.History request, HistoryPage page, boolean quietIfEmpty) {
        List<ChatEvent.Spoken> lines = page.lines().stream().map(line -> spoken(room, line, true)).toList();
        if (!room.loaded() && core.isCurrent(room) && quietIfEmpty) {
            room.merge(lines);
        }
        if (!s.isOpen() || (lines.isEmpty() && quietIfEmpty)) {
            return;
        }
        HistoryBatch start = new HistoryBatch(room.name(), clock.instant(), true, lines.size(), page.more(), request);
        core.sendFrame(s, start);
        lines.forEach(line -> core.send(s, line));
        core.sendFrame(s, start.end(clock.instant()));
    }
}
