package parley.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import parley.history.HistoryStore;
import parley.history.MemoryHistoryStore;
import parley.history.StoredLine;
import parley.log.LogEvent;
import parley.metrics.ServerMetrics;
import parley.protocol.ChatEvent;
import parley.protocol.Command;
import parley.protocol.EventEncoder;
import parley.protocol.HistoryBatch;
import parley.protocol.Member;
import parley.protocol.WireMode;
import parley.trust.TrustStore;

/**
 * The chat itself: rooms, nicks, commands and history, with no sockets and no threads of its own.
 *
 * <pre>
 *  backend thread                     ChatCore (one lock)                    each recipient
 *  ------------------                 -----------------------------          --------------------
 *  connect(addr, out) ----------->    new Session, welcome, history  ---->   Outbound.send(bytes)
 *  receive(session, line) ------->    Command.parse, run the command
 *                                     event -> Broadcast (encode once      -> Outbound.send(same bytes)
 *                                              per mode) -> room members
 *  disconnect(session, why) ----->    leave announced to the room   ---->   Outbound.send(bytes)
 *  tick() every second ---------->    a big room's comings and goings,
 *                                     summed up, to its members     ---->   Outbound.send(same bytes)
 * </pre>
 *
 * Every method takes the one core lock. That lock is what gives every member of a room the room's
 * messages in one and the same order; it is held only while events are encoded and queued, never while
 * anything is written to a socket ({@link Outbound} implementations only queue).
 *
 * <p>Each line's command is carried out by {@link Commands}, which hands it to the part that owns it: this class
 * keeps sessions and rooms and says what is said; {@link Nicks} who has which nick; {@link Roster} answers {@code /who}; {@link Accounts}
 * and {@link Moderation} run their families of commands.
 *
 * <p><b>History.</b> Each message and action gets its id from the {@link HistoryStore} ({@code append} never
 * waits on a disk) and each room keeps its last N lines in memory for newcomers. Nothing that reads the store
 * runs under the lock: {@link HistoryReads} reads a {@code /history} fetch, or the replay for a room made again
 * (whose lines are only in the store), on the {@code reads} executor and sends it to its session under the lock
 * as one batch framed by {@link HistoryBatch} lines. Lines said meanwhile may reach the session first; a
 * client orders by id.
 * Private messages are never passed to the history store (those for an offline registered nick: {@link Accounts}).
 */
public final class ChatCore {

    /**
     * How often a backend calls {@link #tick}: what a lone arrival in a big room waits at most to be
     * announced, on top of the presence interval when a storm is being summed up.
     */
    public static final Duration TICK = Duration.ofSeconds(1);
    /** How many members a welcome to a big room lists. */
    static final int WELCOME_SAMPLE = 20;
    /** Lines per room and rooms that the in-memory store of {@link #ChatCore(Clock, ServerLog)} keeps. */
    public static final int MEMORY_LINES_PER_ROOM = 1_000;
    public static final int MEMORY_ROOMS = 1_000;
    /** The error a line read after {@link #announceShutdown()} gets. */
    public static final String SHUTDOWN_REFUSAL = "the server is shutting down; this line was not sent";
    /** What a history replay or fetch gets while the server sheds work. */
    public static final String BUSY = "the server is busy; history is not replayed now, try /history later";

    private final Object lock = new Object();
    private final Clock clock;
    private final ServerLog log;
    private final CoreSettings settings;
    private final EventEncoder encoder;
    private final HistoryStore store;
    private final ServerMetrics metrics;
    private final Accounts accounts;
    private final Moderation moderation;
    private final HistoryReads history;
    private final Commands commands;
    private final RoomRelay relay;
    private final PresenceRelay presence;
    private final OtherNodes others;
    private final Map<String, Room> rooms = new HashMap<>();
    private final Nicks nicks;
    /** Big rooms with comings and goings not yet summed up; {@link #tick} sends their summaries. */
    private final Set<Room> presencePending = new LinkedHashSet<>();
    /** Lines handed to outbound queues since start: a broadcast to ten people counts ten. */
    private long linesRelayed;
    /** Broadcasts of the batch in progress not yet sent (see {@link #batch}); empty outside one. */
    private final HeldBroadcast held = new HeldBroadcast();
    /** How deep in {@link #batch} calls the lock's holder is; broadcasts are held only inside one. */
    private int batchDepth;
    /** The id of the last line said, here or before a restart: every line said before a join has one up to it. */
    private long lastId;
    /** Set by {@link #announceShutdown()}: from then on no line is relayed, so a room ends where everyone saw it end. */
    private boolean shuttingDown;
    private final IdleWatch idle;
    private final PrivateTraffic privateTraffic;
    private final Roster roster;
    /** See {@link #privateMessagesWaiting()}. */
    private int privateWaiting;
    /** True while the server's output is under pressure: see {@link #shedWhen}. */
    private volatile BooleanSupplier overloaded = () -> false;
    /** When the line being handled reached the core ({@link ServerMetrics#lineArrived}), for the fan-out latency. */
    private long lineArrived;

    /** A core with its history in memory, read on the calling thread (a memory store never waits on a disk). */
    public ChatCore(Clock clock, ServerLog log) {
        this(clock, log, CoreSettings.defaults());
    }

    public ChatCore(Clock clock, ServerLog log, CoreSettings settings) {
        this(clock, log, settings, new MemoryHistoryStore(MEMORY_LINES_PER_ROOM, MEMORY_ROOMS), Runnable::run);
    }

    /**
     * A core that keeps history in {@code store} and reads it on {@code reads}, a small bounded executor (a
     * fetch it refuses is answered "busy"). The caller owns both and closes them after the server stops. The
     * default room's recent lines are read here, once, so that the common join needs no read.
     */
    public ChatCore(Clock clock, ServerLog log, CoreSettings settings, HistoryStore store, Executor reads) {
        this(clock, log, settings, store, reads, TrustSettings.inMemory());
    }

    /** As above, with registered nicks, bans and topics kept in {@code trust}'s store (read here, once). */
    public ChatCore(Clock clock, ServerLog log, CoreSettings settings, HistoryStore store, Executor reads,
                    TrustSettings trust) {
        this(clock, log, settings, store, reads, trust, ServerMetrics.NONE, new LocalRelay(store));
    }

    /**
     * A core whose lines are numbered and ordered by {@code relay} (a cluster's: see {@link RoomRelay}) and
     * whose history is read from {@code store}.
     */
    public ChatCore(Clock clock, ServerLog log, CoreSettings settings, HistoryStore store, Executor reads,
                    RoomRelay relay) {
        this(clock, log, settings, store, reads, TrustSettings.inMemory(), ServerMetrics.NONE, relay);
    }

    /**
     * The whole core: registered nicks, bans and topics kept in {@code trust}'s store (read here, once),
     * {@code metrics} told what the core does (lines said, their fan-out time), and lines numbered and ordered
     * by {@code relay}.
     */
    public ChatCore(Clock clock, ServerLog log, CoreSettings settings, HistoryStore store, Executor reads,
                    TrustSettings trust, ServerMetrics metrics, RoomRelay relay) {
        this(clock, log, settings, store, reads, trust, metrics, relay, PresenceRelay.alone());
    }

    /**
     * As above, with nicks claimed and people known through {@code presence} (a cluster's: see
     * {@link PresenceRelay}) as well as here.
     */
    public ChatCore(Clock clock, ServerLog log, CoreSettings settings, HistoryStore store, Executor reads,
                    TrustSettings trust, ServerMetrics metrics, RoomRelay relay, PresenceRelay presence) {
        this.metrics = metrics;
        this.clock = clock;
        this.log = log;
        this.settings = settings;
        this.encoder = new EventEncoder(clock.getZone());
        this.store = store;
        this.relay = relay;
        this.presence = presence;
        this.others = new OtherNodes(this, presence);
        this.lastId = store.lastIssuedId();
        this.idle = new IdleWatch(settings.sessionLimits().idleTimeout(), clock);
        this.privateTraffic = new PrivateTraffic(settings.sessionLimits(), clock);
        this.roster = new Roster(settings.presenceLimit(), clock, others);
        TrustStore.Snapshot kept = trust.store().load();
        this.accounts = new Accounts(this, clock, log, trust, kept);
        this.moderation = new Moderation(this, accounts, clock, log, trust, kept);
        this.history = new HistoryReads(this, store, reads, clock, log);
        this.nicks = new Nicks(this, accounts, moderation, presence, others,
                new NickDelay(settings.sessionLimits().nickDelay(), clock), log);
        this.commands = new Commands(this, roster, history, accounts, moderation);
        Room lobby = room(settings.defaultRoom());
        if (!relay.replaysHistory()) {
            history.preload(lobby, settings.historySize());
        }
        presence.attach(others); // before the relay: its reader hands on the other nodes' presence too
        relay.attach(new Heard()); // last: a relay's threads may call back at once
    }

    /** A connection opened: it gets a guest nick, a welcome, the default room's history, and is announced. */
    public Session connect(String address, Outbound out) {
        synchronized (lock) {
            Session s = new Session(address, out, nicks.freshGuest());
            nicks.arrived(s);
            log.event(LogEvent.info("connect", "{address} as {nick}").address("address", address)
                    .nick("nick", s.nick()));
            idle.connected(s);
            enter(s, room(settings.defaultRoom()), greeting(s));
            moderation.greet(s);
            return s;
        }
    }

    /** A complete line arrived from {@code s} and is handled now. */
    public void receive(Session s, String rawLine) {
        receive(s, read(s, rawLine));
    }

    /**
     * A complete line arrived from {@code s}: read it now, when it arrives, and hand it to
     * {@link #receive(Session, ReadLine)} when flood control lets it through. Takes the lock only for a
     * private message, to bind it to its recipient's session.
     */
    public ReadLine read(Session s, String rawLine) {
        Optional<Command> command = Command.parse(rawLine);
        Session recipient = null;
        if (command.isPresent() && command.get() instanceof Command.Msg m) {
            synchronized (lock) {
                recipient = nicks.holder(Names.key(m.nick()));
                privateWaiting++;
            }
        }
        return new ReadLine(rawLine, command, recipient);
    }

    /**
     * Private messages read and bound to their recipient, not yet handled: they wait behind their senders'
     * flood control. A gauge for whoever reports metrics.
     */
    public int privateMessagesWaiting() {
        synchronized (lock) {
            return privateWaiting;
        }
    }

    /** Handles a line {@link #read} from {@code s}; a backend closing {@code s} hands back what still waits. */
    public void receive(Session s, ReadLine line) {
        long arrived = metrics.lineArrived(); // before the lock: waiting for it is part of the fan-out time
        synchronized (lock) {
            lineArrived = arrived;
            if (line.command().isPresent() && line.command().get() instanceof Command.Msg) {
                privateWaiting--;
            }
            if (!s.isOpen()) {
                return;
            }
            if (shuttingDown) {
                refuse(s, SHUTDOWN_REFUSAL);
                return;
            }
            s.countLine();
            if (s.linesReceived() == 1) {
                idle.forget(s);
            }
            Optional<WireMode> hello = s.linesReceived() == 1 ? WireMode.ofHello(line.raw()) : Optional.empty();
            if (hello.isPresent()) {
                s.mode(hello.get());
                welcome(s, greeting(s));
                moderation.greet(s);
                return;
            }
            line.command().filter(c -> moderation.mayRun(s, c))
                    .ifPresent(command -> commands.run(s, line.recipient(), command));
        }
    }

    /** A line from {@code s} was longer than the limit and was discarded. */
    public void lineTooLong(Session s, int maxLineBytes) {
        synchronized (lock) {
            if (s.isOpen()) {
                refuse(s, "line too long (the limit is " + maxLineBytes + " bytes); it was discarded");
            }
        }
    }

    /**
     * The server is closing {@code s} (a slow consumer): it is told why, in an error line of its own, and then
     * disconnected, the room hearing the same reason. Safe to call more than once.
     */
    public void disconnectWithError(Session s, String reason) {
        synchronized (lock) {
            if (s.isOpen()) {
                sendHeld();
                s.out().sendLast(encoder.encode(new ChatEvent.Error(s.room().name(), clock.instant(), reason), s.mode()));
                linesRelayed++;
                disconnect(s, reason);
            }
        }
    }

    /**
     * Runs {@code work} (a backend handing the core the lines of one read) under the lock, holding the room
     * lines it broadcasts and sending each member the consecutive ones of one room as one run of bytes when
     * it ends: a member then costs one append per read instead of one per line. Order is kept (see
     * {@link HeldBroadcast}).
     */
    public void batch(Runnable work) {
        synchronized (lock) {
            batchDepth++;
            try {
                work.run();
            } finally {
                if (--batchDepth == 0) {
                    sendHeld();
                }
            }
        }
    }

    /** Sends the held broadcasts: before any other line to anyone, before a session leaves, at a batch's end. */
    private void sendHeld() {
        linesRelayed += held.send();
    }

    /** The connection is gone (EOF, reset, /quit, shutdown). Safe to call more than once. */
    public void disconnect(Session s, String reason) {
        synchronized (lock) {
            if (!s.isOpen()) {
                return;
            }
            sendHeld(); // what it was there for, before it goes
            s.markClosed();
            nicks.left(s);
            idle.forget(s);
            accounts.forget(s);
            moderation.forget(s);
            leave(s, reason);
            log.event(LogEvent.info("disconnect", "{address} {nick} ({reason})").address("address", s.address())
                    .nick("nick", s.nick()).text("reason", reason));
        }
    }

    /**
     * Tells everyone connected that the server is going away; the backend then flushes and closes. Every line
     * accepted before this reaches every member of its room (what is queued is flushed); every line read after
     * it is refused with an error to its sender alone, so no line can reach only the members whose
     * connections happen to close last.
     */
    public void announceShutdown() {
        synchronized (lock) {
            shuttingDown = true;
            for (Session s : nicks.everyone()) {
                inform(s, "the server is shutting down");
            }
        }
    }

    /**
     * Sends each big room the summary of its comings and goings, at most once per presence interval. The
     * core has no thread of its own: a backend calls this every {@link #TICK}. Most calls find nothing to do,
     * and one costs only the rooms with something to tell.
     */
    public void tick() {
        synchronized (lock) {
            for (Session s : idle.expired()) {
                disconnectWithError(s, idle.reason());
                s.out().closeAfterFlush(idle.reason());
            }
            if (overloaded.getAsBoolean()) {
                return; // summaries wait: shed before any reader is closed (they sum up all the longer later)
            }
            Instant now = clock.instant();
            for (Iterator<Room> it = presencePending.iterator(); it.hasNext(); ) {
                Room room = it.next();
                PresenceTally tally = room.presence();
                if (tally.due(now, settings.presenceInterval())) {
                    it.remove();
                    broadcast(room.members(), tally.summary(room.name(), now, others.headcount(room)));
                }
            }
            accounts.tick(now);
            moderation.tick(now);
        }
    }

    /** Why a connection from {@code ip} is refused, if it is banned: asked before it joins. */
    public Optional<String> banned(java.net.InetAddress ip) {
        synchronized (lock) {
            return moderation.refusal(ip);
        }
    }

    /** The one text line a connection refused before it joins gets (server full, too many from you). */
    public java.nio.ByteBuffer refusal(String reason) {
        return encoder.encode(new ChatEvent.Error("", clock.instant(), reason), WireMode.TEXT);
    }

    /**
     * While {@code overloaded} says so (the backend's output memory is under pressure), the core sheds the work
     * it can before any reader is closed: big rooms' presence summaries wait, history replays are refused as
     * busy. A backend calls this once, as it starts.
     */
    public void shedWhen(BooleanSupplier overloaded) {
        this.overloaded = overloaded;
    }

    /** What the core holds now, for an operator's metrics. */
    public CoreCounts counts() {
        synchronized (lock) {
            return new CoreCounts(nicks.count(), rooms.size(), linesRelayed);
        }
    }

    /** Who counts what this core does: the backends report their events to it too. */
    public ServerMetrics metrics() {
        return metrics;
    }

    /** How many sessions are connected now. */
    public int sessionCount() {
        synchronized (lock) {
            return nicks.count();
        }
    }

    void speak(Session s, StoredLine.Kind kind, String text) {
        relay.say(s.room().key(), kind, clock.instant(), s.nick(), s.address(), text)
                .ifPresent(why -> refuse(s, why));
        metrics.said(lineArrived); // one server: delivered by now; a cluster: handed to the relay
    }

    /** What the relay hands back: numbered lines to deliver to their rooms' members here, in their order. */
    private final class Heard implements RoomRelay.Listener {

        @Override
        public void heard(List<StoredLine> lines) {
            synchronized (lock) {
                for (StoredLine line : lines) {
                    lastId = Math.max(lastId, line.id());
                    Room room = rooms.get(line.room());
                    // A line at or below what the room has heard came with its history page, or twice; a room
                    // whose recent lines the relay is still reading gets this one in that page.
                    if (room != null && !shuttingDown && (room.loaded() || !relay.replaysHistory())
                            && room.hear(line.id())) {
                        ChatEvent.Spoken said = HistoryReads.spoken(room, line, false);
                        room.remember(said);
                        broadcast(room.members(), said);
                    }
                }
            }
        }

        @Override
        public void recent(String roomKey, List<StoredLine> lines) {
            synchronized (lock) {
                Room room = rooms.get(roomKey);
                if (room == null || room.loaded()) {
                    return;
                }
                long through = lines.isEmpty() ? 0 : lines.get(lines.size() - 1).id();
                room.hear(through);
                room.merge(lines.stream().map(line -> HistoryReads.spoken(room, line, true)).toList());
                HistoryPage page = new HistoryPage(lines, 0);
                Command.History request = new Command.History(Command.History.Direction.BEFORE, through + 1,
                        settings.historySize());
                for (Session s : room.members()) {
                    history.deliver(s, room, request, page, true); // those who came while it was read
                }
            }
        }

        @Override
        public void tellEveryone(String text) {
            synchronized (lock) {
                nicks.everyone().forEach(s -> inform(s, text));
            }
        }
    }

    /** {@code target}: who {@code targetNick} named when the line was read, whoever has the nick now. */
    void privateMessage(Session s, String targetNick, Session target, String text) {
        if (target == null && others.tell(s, targetNick, text)) {
            return; // someone on another node has the nick: the relay takes it there
        }
        if (target == null || !accounts.owns(target)) { // a registered nick's messages go to its owner only
            if (!accounts.keep(s, targetNick, text)) {
                refuse(s, "no one here is called " + targetNick);
            }
            return;
        }
        if (!target.isOpen()) {
            refuse(s, targetNick + " left before your message could be delivered; it was not sent");
            return;
        }
        Optional<String> tooMuch = privateTraffic.admit(s, target, text);
        if (tooMuch.isPresent()) {
            refuse(s, tooMuch.get());
            return;
        }
        ChatEvent event = new ChatEvent.Private(clock.instant(), s.member(), target.nick(), text);
        broadcast(target == s ? List.of(s) : List.of(target, s), event);
        metrics.said(lineArrived);
        moderation.privateMessageSent(s, target);
    }

    void rename(Session s, String wanted) {
        nicks.rename(s, wanted);
    }

    /** {@code s} was {@code old}: the change told to their room, here and on the other nodes. */
    void nickChanged(Session s, String old) {
        Room room = s.room();
        ChatEvent change = new ChatEvent.NickChange(room.name(), clock.instant(), old, s.nick(), s.address());
        presence.renamed(room.name(), old, s.member());
        if (crowded(others.headcount(room))) {
            send(s, change); // the client follows its own nick by this event
            room.presence().renamed();
            presencePending.add(room);
        } else {
            broadcast(room.members(), change);
        }
    }

    void changeRoom(Session s, String name) {
        Optional<String> problem = Names.problem(name);
        if (problem.isPresent()) {
            refuse(s, "room name " + name + " " + problem.get());
            return;
        }
        Room target = room(name);
        if (target == s.room()) {
            inform(s, "you are already in #" + target.name());
            return;
        }
        leave(s, "went to #" + target.name());
        enter(s, target, "you are now in #" + target.name());
    }

    private void enter(Session s, Room target, String greeting) {
        s.moveTo(target);
        target.add(s);
        welcome(s, greeting);
        ChatEvent join = new ChatEvent.Join(target.name(), clock.instant(), s.member());
        presence.arrived(target.name(), s.member());
        if (crowded(others.headcount(target))) {
            send(s, join); // the newcomer still hears their own arrival, as in a small room
            target.presence().joined(s.nick());
            presencePending.add(target);
        } else {
            broadcast(target.members(), join);
        }
    }

    /** Who you are, where you are, who is there and what was said: sent on entering a room. */
    private void welcome(Session s, String greeting) {
        Room room = s.room();
        send(s, new ChatEvent.Welcome(room.name(), clock.instant(), s.member(), greeting));
        moderation.topicOnEntry(s, room);
        send(s, crowded(others.headcount(room)) ? sample(room) : members(room));
        if (overloaded.getAsBoolean()) {
            refuse(s, BUSY);
        } else if (room.loaded()) {
            for (ChatEvent.Spoken old : room.history()) {
                send(s, old.asHistory());
            }
        } else if (!relay.replaysHistory()) { // made again: its lines said before now are in the store
            history.fetch(s, room, new Command.History(Command.History.Direction.BEFORE, lastId + 1,
                    settings.historySize()), true);
        }
    }

    private String greeting(Session s) {
        return "welcome to parley, " + s.nick() + "; you are in #" + settings.defaultRoom()
                + ". Type /help for commands.";
    }

    private void leave(Session s, String reason) {
        Room from = s.room();
        boolean crowded = crowded(others.headcount(from)); // counting the one who leaves, as a join does
        from.remove(s);
        presence.left(from.name(), s.member(), reason);
        if (crowded) {
            from.presence().left();
            presencePending.add(from);
        } else {
            broadcast(from.members(), new ChatEvent.Leave(from.name(), clock.instant(), s.member(), reason));
        }
        if (from.isEmpty() && !from.name().equals(settings.defaultRoom())) {
            rooms.remove(from.key());
            relay.unfollow(from.key());
            presencePending.remove(from);
        }
    }

    /**
     * Whether a room of {@code size} (counting whoever comes, goes or changes nick) sums up its comings and
     * goings rather than announcing each: the rule that keeps a big room's presence linear.
     */
    private boolean crowded(int size) {
        return size > settings.presenceLimit();
    }

    private ChatEvent members(Room room) {
        return new ChatEvent.Members(room.name(), clock.instant(), others.everyone(room));
    }

    /** A big room's welcome: how many are there, and the first few who came. */
    private ChatEvent sample(Room room) {
        return new ChatEvent.Members(room.name(), clock.instant(), others.first(room, WELCOME_SAMPLE),
                others.headcount(room));
    }

    String roomList() {
        Map<String, Integer> sorted = new TreeMap<>();
        Map<String, Map.Entry<String, Integer>> elsewhere = others.rooms();
        rooms.forEach((key, r) -> sorted.put(r.name(), r.members().size()
                + Optional.ofNullable(elsewhere.remove(key)).map(Map.Entry::getValue).orElse(0)));
        elsewhere.values().forEach(room -> sorted.put(room.getKey(), room.getValue()));
        return "rooms: " + sorted.entrySet().stream().map(e -> "#" + e.getKey() + " (" + e.getValue() + ")")
                .collect(Collectors.joining(", "));
    }

    private Room room(String name) {
        return rooms.computeIfAbsent(Names.key(name), k -> {
            relay.follow(k, lastId); // lines up to lastId are its history (welcome), the ones after it live
            return new Room(name, settings.historySize(), false, lastId);
        });
    }

    String freshGuestNick() {
        return nicks.freshGuest();
    }

    void inform(Session s, String text) {
        send(s, new ChatEvent.Info(s.room().name(), clock.instant(), text));
    }

    void refuse(Session s, String why) {
        send(s, new ChatEvent.Error(s.room().name(), clock.instant(), why));
    }

    void sendFrame(Session s, HistoryBatch frame) {
        sendHeld();
        s.out().send(encoder.encode(frame, s.mode()));
        linesRelayed++;
    }

    void send(Session s, ChatEvent event) {
        sendHeld();
        s.out().send(encoder.encode(event, s.mode()));
        linesRelayed++;
    }

    private void broadcast(Collection<Session> recipients, ChatEvent event) {
        Broadcast b = new Broadcast(event, encoder);
        if (batchDepth > 0) {
            if (!held.tryHold(recipients, b)) {
                sendHeld();
                held.tryHold(recipients, b); // nothing is held now: always taken
            }
            return;
        }
        for (Session r : recipients) {
            b.sendTo(r);
        }
        linesRelayed += recipients.size();
    }

    // What Commands, HistoryReads, Accounts and Moderation use, always with the lock held (locked() takes it).

    /** What {@code /stats} tells: the core's counts, then the store's and the relay's state. */
    List<String> stats() {
        List<String> lines = new java.util.ArrayList<>();
        lines.add("stats: " + nicks.count() + " connected, " + rooms.size() + " rooms, " + linesRelayed
                + " lines relayed");
        lines.add(store.status().summary());
        relay.status().ifPresent(lines::add);
        presence.status().ifPresent(line -> lines.add(line + "; " + others.size() + " people on other nodes"));
        return lines;
    }

    // What OtherNodes uses, with the lock held.

    /**
     * Tells {@code room}'s members here of a coming, going or rename on another node, by the big-room rules:
     * one event each in a room at or below the presence limit, else counted in its next summary.
     */
    void announceRemote(Room room, ChatEvent event, java.util.function.Consumer<PresenceTally> count) {
        if (room.isEmpty()) {
            return;
        }
        if (crowded(others.headcount(room))) {
            count.accept(room.presence());
            presencePending.add(room);
        } else {
            broadcast(room.members(), event);
        }
    }

    /** The room here whose key is {@code key}; null when nobody here is in it. */
    Room localRoom(String key) {
        return rooms.get(key);
    }

    Instant now() {
        return clock.instant();
    }

    /** A private message from another node for whoever here has {@code toNick}: empty once delivered, else why not. */
    Optional<String> privateFromNode(Member from, String toNick, String text) {
        Session target = nicks.holder(Names.key(toNick));
        if (target == null || !target.isOpen() || !accounts.owns(target)) {
            return Optional.of(toNick + " left before your message could be delivered; it was not sent");
        }
        // The recipient's one allowance, shared with senders here (no sender session: never "to oneself").
        Optional<String> tooMuch = privateTraffic.admit(null, target, text);
        if (tooMuch.isEmpty()) {
            send(target, new ChatEvent.Private(clock.instant(), from, target.nick(), text));
        }
        return tooMuch;
    }

    /** Whether the server sheds work now: see {@link #shedWhen}. */
    boolean overloaded() {
        return overloaded.getAsBoolean();
    }

    /** Whether {@code room} is still the one of its name (not emptied and made again since). */
    boolean isCurrent(Room room) {
        return rooms.get(room.key()) == room;
    }

    /** Runs {@code work} under the core's lock: how the hashing pool's results come back. */
    void locked(Runnable work) {
        synchronized (lock) {
            work.run();
        }
    }

    /** Who holds the nick whose look-alike key is {@code key}; null for nobody. */
    Session holder(String key) {
        return nicks.holder(key);
    }

    Collection<Session> sessions() {
        return nicks.snapshot();
    }

    /** Tells {@code s} why it must go, announces its leave with that reason, and closes it once that is written. */
    void expel(Session s, String reason) {
        refuse(s, reason);
        disconnect(s, reason);
        s.out().closeAfterFlush(reason);
    }

    /** A notice to everyone in {@code room}, encoded once per wire mode like any broadcast. */
    void informRoom(Room room, String text) {
        broadcast(room.members(), new ChatEvent.Info(room.name(), clock.instant(), text));
    }
}
