package parley.client.state;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import parley.client.net.LinkState;
import parley.client.net.OwnNick;
import parley.protocol.ChatEvent;
import parley.core.Names;
import parley.protocol.Command;
import parley.protocol.HistoryBatch;
import parley.server.Limits;

/**
 * Everything the full-screen client knows, in plain Java: the conversation, the scroll position, the input line
 * and its history, who is here, and the settings the person chose. Driven by server events, connection changes
 * and submitted lines; read by the view. Not thread-safe: it belongs to the UI thread.
 */
public final class ClientState {

    /** Lines asked for per page of older history (PgUp at the top). */
    public static final int OLDER_PAGE = 100;

    private final ZoneId zone;
    private final EntryFormat format;
    private final MessageLog log;
    private final Scrollback scroll;
    private final InputLine input = new InputLine();
    private final InputHistory history;
    private final Completer completer = new Completer();
    private final IgnoreList ignores = new IgnoreList();
    private final Members members = new Members();
    private final String serverAddress;
    private BellMode bell = BellMode.MENTION;
    private final OwnNick own = new OwnNick();
    private final Follow follow = new Follow();
    private LinkState connection = LinkState.CONNECTING;
    private String room = "";
    /** How many are in a room too big to be listed (the server's last count), else 0. */
    private int crowd;
    private boolean inHistory;
    private LocalDate lastDay;
    private List<String> pendingPaste = List.of();
    private boolean addresses = true;
    private int widestAddress;
    /** The oldest line of each room the log holds, by the room's key: where a page of older history ends. */
    private final Map<String, Long> firstIds = new HashMap<>();
    /** Rooms whose history is shown back to its first line. */
    private final Set<String> historyComplete = new HashSet<>();
    private boolean olderPending;

    public ClientState(ZoneId zone, String serverAddress) {
        this(new EntryFormat(zone), zone, serverAddress);
    }

    public ClientState(EntryFormat format, ZoneId zone, String serverAddress) {
        this(format, zone, serverAddress, MessageLog.DEFAULT_CAPACITY, InputHistory.DEFAULT_CAPACITY);
    }

    public ClientState(ZoneId zone, String serverAddress, int logCapacity, int historyCapacity) {
        this(new EntryFormat(zone), zone, serverAddress, logCapacity, historyCapacity);
    }

    /** {@code format} decides how lines read (the time format); times are shown in {@code zone}. */
    public ClientState(EntryFormat format, ZoneId zone, String serverAddress, int logCapacity,
                       int historyCapacity) {
        this.zone = zone;
        this.serverAddress = serverAddress;
        this.format = format;
        this.log = new MessageLog(logCapacity);
        this.scroll = new Scrollback(log);
        this.history = new InputHistory(historyCapacity);
    }

    /** Applies a server event; returns whether it should ring the bell. */
    public boolean onEvent(ChatEvent e) {
        if (e instanceof ChatEvent.Spoken s && s.id() > 0) {
            firstIds.merge(Names.key(s.room()), s.id(), Math::min);
        } else if (e instanceof ChatEvent.Error) {
            olderPending = false;     // perhaps the page's refusal (busy, disk): PgUp may ask again
        }
        boolean shown = e.accept(follow);
        if (!shown) {
            return false;
        }
        LogEntry entry = format.fromEvent(e, own.get());
        add(entry);
        return bell.rings(entry);
    }

    /**
     * The scrollback's top was reached (PgUp): the fetch of the page of the room's history before its oldest line
     * shown, unless one is on its way or there is nothing older. With no line of the room shown yet, the page
     * before the end: its newest lines.
     */
    public Optional<String> olderWanted() {
        String key = room.isEmpty() ? "" : Names.key(room);
        if (olderPending || room.isEmpty() || historyComplete.contains(key) || connection != LinkState.CONNECTED) {
            return Optional.empty();
        }
        olderPending = true;
        long before = firstIds.getOrDefault(key, Long.MAX_VALUE);
        return Optional.of(new Command.History(Command.History.Direction.BEFORE, before, OLDER_PAGE).line());
    }

    /**
     * A page of older history arrived: its lines older than any shown go above everything, without moving what
     * the pane shows; the first page that reaches back to the room's first line says so.
     */
    public void onOlder(HistoryBatch end, List<ChatEvent.Spoken> lines) {
        olderPending = false;
        String key = Names.key(end.room());
        long first = firstIds.getOrDefault(key, Long.MAX_VALUE);
        List<LogEntry> page = new ArrayList<>();
        if (end.more() == 0) {
            historyComplete.add(key);
            page.add(format.historyBeginning(end.time(), end.room()));
        }
        for (ChatEvent.Spoken line : lines) {
            if (line.id() < first && line.accept(follow)) {
                page.add(format.fromEvent(line, own.get()));
            }
        }
        lines.stream().mapToLong(ChatEvent.Spoken::id).filter(id -> id > 0).min()
                .ifPresent(id -> firstIds.merge(key, id, Math::min));
        page.forEach(this::widen);
        log.prepend(page);
    }

    /**
     * The connection changed; {@code detail}, if any, is shown in the pane. An attempt to connect again after a
     * loss still reads "reconnecting".
     */
    public void onConnection(LinkState state, String detail, Instant now) {
        connection = state == LinkState.CONNECTING && connection == LinkState.RETRYING ? LinkState.RETRYING : state;
        if (state != LinkState.CONNECTED) {
            members.clear();
            olderPending = false;     // a page asked for on a lost connection never comes
        }
        if (!detail.isEmpty()) {
            note(detail, now);
        }
    }

    /** Something the client itself wants to say in the pane. */
    public void note(String text, Instant now) {
        add(format.note(now, text));
    }

    /** The person pressed Enter on {@code line}. */
    public Submission submit(String line, Instant now) {
        history.add(line);
        if (line.isBlank()) {
            return Submission.nothing();
        }
        LocalCommand command = LocalCommand.parse(line);
        String arg = command.argument();
        Submission result = switch (command.verb()) {
            case CLEAR -> {
                scroll.clear();
                yield Submission.nothing();
            }
            case BELL -> bell(arg, now);
            case ADDRESSES -> addresses(arg, now);
            case IGNORE -> ignore(arg, now);
            case UNIGNORE -> unignore(arg, now);
            case HELP -> {
                LocalCommand.CLIENT_HELP.formatted(bell.word()).lines().forEach(l -> note(l, now));
                note("Server commands:", now);
                yield new Submission(List.of("/help"), false);
            }
            case QUIT -> new Submission(List.of(arg), true);
            case TO_SERVER -> new Submission(LongLines.split(arg, Limits.DEFAULT_MAX_LINE), false);
        };
        noteIfQueued(result, now);
        return result;
    }

    /**
     * A paste of several lines arrived: hold them until the person says Enter or Esc. A paste while one is already
     * waiting joins it, so nothing pasted is dropped without being asked about.
     */
    public void offerPaste(List<String> lines) {
        List<String> all = new ArrayList<>(pendingPaste);
        all.addAll(lines);
        pendingPaste = List.copyOf(all);
    }

    public List<String> pendingPaste() {
        return pendingPaste;
    }

    /**
     * Answers the paste question. Pasted lines are sent as text: one the server would read as starting with
     * {@code /} (indented too: it strips lines) is escaped as {@code //}, so a pasted snippet cannot run commands.
     */
    public Submission answerPaste(boolean send, Instant now) {
        List<String> lines = pendingPaste;
        pendingPaste = List.of();
        if (!send) {
            note("paste of " + lines.size() + " lines discarded", now);
            return Submission.nothing();
        }
        List<String> out = lines.stream().filter(l -> !l.isBlank())
                .map(Command::literal).collect(Collectors.toList());
        Submission result = new Submission(out, false);
        noteIfQueued(result, now);
        return result;
    }

    /** The address-column key: shows or hides senders' addresses. */
    public void toggleAddresses() {
        showAddresses(!addresses);
    }

    public boolean showsAddresses() {
        return addresses;
    }

    /** Tab: completes a nick or command before the cursor. */
    public boolean complete() {
        List<String> nicks = new ArrayList<>(members.nicks());
        if (!own.get().isEmpty() && nicks.stream().noneMatch(own::is)) {
            nicks.add(own.get());
        }
        return completer.complete(input, nicks, LocalCommand.COMMANDS);
    }

    /** Any key but Tab ends a completion cycle. */
    public void endCompletion() {
        completer.reset();
    }

    public void historyPrevious() {
        history.previous(input.text()).ifPresent(input::set);
    }

    public void historyNext() {
        history.next().ifPresent(input::set);
    }

    // ---- read by the view ----

    public Scrollback scroll() {
        return scroll;
    }

    public InputLine input() {
        return input;
    }

    public MessageLog log() {
        return log;
    }

    public LinkState connection() {
        return connection;
    }

    public String serverAddress() {
        return serverAddress;
    }

    public String nick() {
        return own.get();
    }

    public String room() {
        return room;
    }

    /** Who we know is here, or in a big room the count the server last gave. */
    public int memberCount() {
        return Math.max(members.count(), crowd);
    }

    public BellMode bell() {
        return bell;
    }

    public IgnoreList ignores() {
        return ignores;
    }

    public ZoneId zone() {
        return zone;
    }

    // ---- internals ----

    /**
     * What each event changes here (who we are, where, who is with us), and whether it is shown: ignored people's
     * words and comings and goings are not; their nick changes are followed.
     */
    private final class Follow implements ChatEvent.Visitor<Boolean> {
        @Override
        public Boolean welcome(ChatEvent.Welcome w) {
            own.follow(w);
            room = w.room();
            members.clear();
            crowd = 0;
            return true;
        }

        /** A part of a big room (a sample, a page of /who) adds to who we know rather than replacing it. */
        @Override
        public Boolean members(ChatEvent.Members m) {
            if (m.room().equalsIgnoreCase(room)) {
                if (m.complete()) {
                    members.replaceAll(m.members());
                } else {
                    m.members().forEach(who -> members.add(who.nick()));
                }
                crowd = m.complete() ? 0 : m.count();
            }
            return true;
        }

        /** A big room's comings and goings, summed up: shown, and its count kept for the status line. */
        @Override
        public Boolean presence(ChatEvent.Presence p) {
            if (p.room().equalsIgnoreCase(room)) {
                crowd = p.count();
            }
            return true;
        }

        @Override
        public Boolean join(ChatEvent.Join j) {
            if (j.room().equalsIgnoreCase(room)) {
                members.add(j.who().nick());
            }
            return !ignores.ignores(j.who().nick());
        }

        @Override
        public Boolean leave(ChatEvent.Leave l) {
            if (l.room().equalsIgnoreCase(room)) {
                members.remove(l.who().nick());
            }
            return !ignores.ignores(l.who().nick());
        }

        @Override
        public Boolean nickChange(ChatEvent.NickChange n) {
            members.rename(n.oldNick(), n.newNick());
            own.follow(n);
            if (ignores.ignores(n.oldNick())) {
                ignores.renamed(n.oldNick(), n.newNick());
                return false;
            }
            return true;
        }

        @Override
        public Boolean message(ChatEvent.Message m) {
            return !ignores.ignores(m.from().nick());
        }

        @Override
        public Boolean action(ChatEvent.Action a) {
            return !ignores.ignores(a.from().nick());
        }

        @Override
        public Boolean privateMessage(ChatEvent.Private p) {
            return !ignores.ignores(p.from().nick());
        }

        @Override
        public Boolean info(ChatEvent.Info i) {
            return true;
        }

        @Override
        public Boolean error(ChatEvent.Error r) {
            return true;
        }
    }

    private void add(LogEntry entry) {
        boolean divider = entry.kind() == LogEntry.Kind.DIVIDER;
        if (!divider && entry.history() && !inHistory) {
            append(format.historyStart(entry.time(), room));
            inHistory = true;
        } else if (!divider && !entry.history() && inHistory && entry.kind() != LogEntry.Kind.NOTE) {
            append(format.historyEnd(entry.time()));
            inHistory = false;
        }
        LocalDate day = entry.time().atZone(zone).toLocalDate();
        if (lastDay != null && !day.equals(lastDay)) {
            append(format.dayChange(entry.time(), day));
        }
        lastDay = day;
        append(entry);
    }

    private void append(LogEntry entry) {
        widen(entry);
        log.append(entry);
        scroll.appended(entry);
    }

    private void widen(LogEntry entry) {
        int columns = Graphemes.columns(entry.address());
        if (columns > widestAddress) {
            widestAddress = columns;     // the column grows to the widest address seen, and stays
            showAddresses(addresses);
        }
    }

    private void showAddresses(boolean show) {
        addresses = show;
        scroll.addressWidth(show ? widestAddress : 0);
    }

    private Submission addresses(String argument, Instant now) {
        switch (argument.toLowerCase(java.util.Locale.ROOT)) {
            case "" -> toggleAddresses();
            case "on" -> showAddresses(true);
            case "off" -> showAddresses(false);
            default -> {
                note("usage: /addresses [on|off]", now);
                return Submission.nothing();
            }
        }
        note("addresses: " + (addresses ? "shown" : "hidden") + " (F2 toggles)", now);
        return Submission.nothing();
    }

    private Submission bell(String argument, Instant now) {
        if (argument.isEmpty()) {
            note("bell: " + bell.word() + " (/bell off|mention|all)", now);
        } else {
            BellMode.parse(argument).ifPresentOrElse(mode -> {
                bell = mode;
                note("bell: " + mode.word(), now);
            }, () -> note("usage: /bell off|mention|all", now));
        }
        return Submission.nothing();
    }

    private Submission ignore(String who, Instant now) {
        if (who.isEmpty()) {
            note(ignores.nicks().isEmpty() ? "ignoring nobody" : "ignoring: " + String.join(", ", ignores.nicks()),
                    now);
        } else {
            ignores.add(who);
            note("ignoring " + who + " (/unignore " + who + " to undo)", now);
        }
        return Submission.nothing();
    }

    private Submission unignore(String who, Instant now) {
        if (who.isEmpty()) {
            note("usage: /unignore NICK", now);
        } else {
            note(ignores.remove(who) ? "no longer ignoring " + who : "you were not ignoring " + who, now);
        }
        return Submission.nothing();
    }

    private void noteIfQueued(Submission s, Instant now) {
        if (!s.toServer().isEmpty() && connection != LinkState.CONNECTED && !connection.isOver()
                && !s.quit()) {
            note("not connected: " + s.toServer().size() + (s.toServer().size() == 1 ? " line" : " lines")
                    + " kept, sent when reconnected", now);
        }
    }
}
