package parley.client.net;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import parley.core.Names;
import parley.protocol.ChatEvent;
import parley.protocol.Command;
import parley.protocol.HistoryBatch;

/**
 * Which lines of each room the link has handed on, by id, so that none is handed on twice and a reconnect can
 * ask for exactly what was missed. Lives on the link's reader thread; not thread-safe.
 *
 * <pre>
 *  reconnect into #room, last id seen L  --> "/history since L 500", hold the room's lines
 *  room's lines (live or replayed) -------> held by id, seen ones dropped
 *  history-end of that fetch -------------> "N messages while you were away", then every held line in id order
 *  history-start/-end of a BEFORE page ---> the page as one piece ({@link LinkListener#older}), as it came
 *  any other line ------------------------> handed on unless its id was handed on before
 * </pre>
 *
 * The server reads history outside the lock that orders a room's lines, so live lines said during the read may
 * come before the page (docs/PROTOCOL.md, "Order against live lines"): holding them until the page's end and
 * sorting by id is what puts every line exactly once in the order it was said.
 */
final class RoomLedger {

    /** The catch-up page asked for after a reconnect: the server's page size. */
    static final int CATCH_UP_LIMIT = 500;
    /** Ids remembered per room for telling a repeat (comfortably more than a scrollback holds). */
    private static final int REMEMBERED = 20_000;

    private final Map<String, NavigableSet<Long>> seen = new HashMap<>();
    private CatchUp catchUp;
    /** The BEFORE page being read (its start seen, its end not yet), or null. */
    private Page page;

    /** A catch-up in progress: the room, the last id seen there before the loss, the lines held meanwhile. */
    private record CatchUp(String room, long since, TreeMap<Long, ChatEvent.Spoken> held) {
    }

    private record Page(HistoryBatch start, List<ChatEvent.Spoken> lines) {
    }

    /** The newest id handed on from {@code room}, or 0. */
    long lastSeen(String room) {
        NavigableSet<Long> ids = seen.get(Names.key(room));
        return ids == null || ids.isEmpty() ? 0 : ids.last();
    }

    /**
     * We are entering {@code room} (a reconnect, or a {@code /join} back into it): the fetch that catches up on
     * it, if any of its lines were seen before. From now on the room's lines are held until that fetch is
     * answered. A catch-up still waiting for its page (a second {@code /join} right after the first) lets its
     * held lines go first, in order.
     */
    Optional<String> catchUp(String room, LinkListener out) {
        release(out);
        long since = lastSeen(room);
        if (since == 0) {
            return Optional.empty();
        }
        catchUp = new CatchUp(Names.key(room), since, new TreeMap<>());
        return Optional.of(new Command.History(Command.History.Direction.SINCE, since, CATCH_UP_LIMIT).line());
    }

    /** One event from the server: handed on now, held, or dropped as a repeat. */
    void event(ChatEvent e, LinkListener out) {
        if (e instanceof ChatEvent.Spoken s && s.id() != 0) {
            spoken(s, out);
            return;
        }
        if (catchUp != null && e instanceof ChatEvent.Error error && error.text().contains("history")) {
            out.received(e);            // the catch-up fetch failed (disk, busy): show what we have
            release(out);
            return;
        }
        out.received(e);
    }

    /** A history frame from the server. */
    void frame(HistoryBatch b, LinkListener out) {
        Command.History.Direction direction = b.request().direction();
        if (direction == Command.History.Direction.BEFORE) {
            if (b.start()) {
                page = new Page(b, new ArrayList<>());
            } else if (page != null) {
                List<ChatEvent.Spoken> lines = page.lines();
                page = null;
                lines.forEach(line -> remember(line.room(), line.id()));
                out.older(b, List.copyOf(lines));
            }
            return;
        }
        if (!b.start() && direction == Command.History.Direction.SINCE && catchUp != null
                && catchUp.room().equals(Names.key(b.room())) && b.request().id() == catchUp.since()) {
            out.received(new ChatEvent.Info(b.room(), b.time(), awaySummary(b)));
            release(out);
        }
    }

    /** The session ended: whatever is held is handed on, in order, rather than lost. */
    void sessionEnded(LinkListener out) {
        page = null;
        release(out);
    }

    /** {@code 37 messages while you were away}, or when the page was capped, how many were left out. */
    static String awaySummary(HistoryBatch end) {
        if (end.more() > 0) {
            return "more than " + end.lines() + " messages while you were away (" + end.more()
                    + " older not shown); PgUp at the top or /history before ID for older";
        }
        return end.lines() == 0 ? "no messages while you were away"
                : end.lines() + (end.lines() == 1 ? " message" : " messages") + " while you were away";
    }

    private void spoken(ChatEvent.Spoken s, LinkListener out) {
        if (page != null && s.history() && Names.key(s.room()).equals(Names.key(page.start().room()))) {
            page.lines().add(s);    // asked for, so shown even if seen (the scrollback may have dropped it)
            return;
        }
        if (catchUp != null && catchUp.room().equals(Names.key(s.room()))) {
            if (s.id() > catchUp.since() && !known(s)) {
                catchUp.held().put(s.id(), s);
            }
            return;
        }
        if (!known(s)) {
            remember(s.room(), s.id());
            out.received(s);
        }
    }

    private void release(LinkListener out) {
        CatchUp done = catchUp;
        catchUp = null;
        if (done == null) {
            return;
        }
        for (ChatEvent.Spoken s : done.held().values()) {
            if (!known(s)) {
                remember(s.room(), s.id());
                out.received(s);
            }
        }
    }

    private boolean known(ChatEvent.Spoken s) {
        NavigableSet<Long> ids = seen.get(Names.key(s.room()));
        return ids != null && ids.contains(s.id());
    }

    private void remember(String room, long id) {
        NavigableSet<Long> ids = seen.computeIfAbsent(Names.key(room), k -> new TreeSet<>());
        ids.add(id);
        if (ids.size() > REMEMBERED) {
            ids.pollFirst();
        }
    }
}
