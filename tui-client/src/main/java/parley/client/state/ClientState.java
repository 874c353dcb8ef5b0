package parley.client.state;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import parley.client.net.LinkState;
import parley.client.net.OwnNick;
import parley.protocol.ChatEvent;
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

    /**
     * Below this many columns the nick list is not shown: the conversation, with its time and address columns,
     * needs the room more (at 120 the pane keeps 104).
     */
    public static final int NICK_LIST_MIN_COLUMNS = 120;

    private final ZoneId zone;
    private final EntryFormat format;
    /** One per conversation. */
    private final Windows windows;
    private boolean nickList = true;
    private final InputLine input = new InputLine();
    private final InputHistory history;
    private final Completer completer = new Completer();
    private final IgnoreList ignores = new IgnoreList();
    private final String serverAddress;
    private BellMode bell = BellMode.MENTION;
    private final OwnNick own = new OwnNick();
    private final Follow follow = new Follow();
    private LinkState connection = LinkState.CONNECTING;
    /** The room the server has us in (a window may show another). */
    private String room = "";
    private List<String> pendingPaste = List.of();
    private boolean addresses = true;
    private int widestAddress;
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
        this.windows = new Windows(logCapacity);
        this.history = new InputHistory(historyCapacity);
    }

    /** Applies a server event; returns whether it should ring the bell. */
    public boolean onEvent(ChatEvent e) {
        if (e instanceof ChatEvent.Error) {
            olderPending = false;     // perhaps the page's refusal (busy, disk): PgUp may ask again
        }
        Window target = e.accept(follow);
        if (target == null) {
            return false;
        }
        if (e instanceof ChatEvent.Spoken s && s.id() > 0) {
            target.firstId = target.firstId == 0 ? s.id() : Math.min(target.firstId, s.id());
        }
        LogEntry entry = format.fromEvent(e, own.get());
        add(target, entry);
        return bell.rings(entry);
    }

    /**
     * The scrollback's top was reached (PgUp): the fetch of the page of the room's history before its oldest line
     * shown, unless one is on its way or there is nothing older. With no line of the room shown yet, the page
     * before the end: its newest lines.
     */
    public Optional<String> olderWanted() {
        if (olderPending || !inCurrentRoom() || windows.current().historyComplete || connection != LinkState.CONNECTED) {
            return Optional.empty();    // the server pages the room we are in, and no other
        }
        olderPending = true;
        long before = windows.current().firstId == 0 ? Long.MAX_VALUE : windows.current().firstId;
        return Optional.of(new Command.History(Command.History.Direction.BEFORE, before, OLDER_PAGE).line());
    }

    /**
     * A page of older history arrived: its lines older than any shown go above everything, without moving what
     * the pane shows; the first page that reaches back to the room's first line says so.
     */
    public void onOlder(HistoryBatch end, List<ChatEvent.Spoken> lines) {
        olderPending = false;
        Window w = windows.room(end.room());
        long first = w.firstId == 0 ? Long.MAX_VALUE : w.firstId;
        List<LogEntry> page = new ArrayList<>();
        if (end.more() == 0) {
            w.historyComplete = true;
            page.add(format.historyBeginning(end.time(), end.room()));
        }
        for (ChatEvent.Spoken line : lines) {
            if (line.id() < first && !ignores.ignores(line.from().nick())) {
                page.add(format.fromEvent(line, own.get()));
            }
        }
        lines.stream().mapToLong(ChatEvent.Spoken::id).filter(id -> id > 0 && id < first).min()
                .ifPresent(id -> w.firstId = id);
        page.forEach(this::widen);
        w.log.prepend(page);
    }

    /**
     * The connection changed; {@code detail}, if any, is shown in the pane. An attempt to connect again after a
     * loss still reads "reconnecting".
     */
    public void onConnection(LinkState state, String detail, Instant now) {
        connection = state == LinkState.CONNECTING && connection == LinkState.RETRYING ? LinkState.RETRYING : state;
        if (state != LinkState.CONNECTED) {
            windows.forEach(w -> w.members.clear());
            olderPending = false;     // a page asked for on a lost connection never comes
        }
        if (!detail.isEmpty()) {
            note(detail, now);
        }
    }

    /** Something the client itself wants to say in the pane. */
    public void note(String text, Instant now) {
        add(windows.current(), format.note(now, text));
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
                windows.current().scroll.clear();
                yield Submission.nothing();
            }
            case WINDOW -> window(arg, now);
            case QUERY -> query(arg, now);
            case PART -> part(now);
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
            case TO_SERVER -> new Submission(LongLines.split(toServer(arg), Limits.DEFAULT_MAX_LINE), false);
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
        List<String> nicks = new ArrayList<>(windows.current().members.nicks());
        if (windows.current().kind() == Window.Kind.QUERY) {
            nicks.add(windows.current().name());
        }
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
        return windows.current().scroll;
    }

    /** Every window, in order: the activity bar's and {@code /window N}'s numbering (from 1). */
    public List<Window> windows() {
        return windows.all();
    }

    public Window window() {
        return windows.current();
    }

    /** Whether the nick list is wanted (F3 toggles); the view shows it for a room on a wide enough terminal. */
    public boolean showsNickList() {
        return nickList;
    }

    public void toggleNickList() {
        nickList = !nickList;
    }

    public InputLine input() {
        return input;
    }

    public MessageLog log() {
        return windows.current().log;
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

    /** The room the server has us in. */
    public String room() {
        return room;
    }

    /** Who we know is in the shown room, or in a big room the count the server last gave. */
    public int memberCount() {
        return Math.max(windows.current().members.count(), windows.current().crowd);
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
     * What each event changes here (who we are, where, who is with us), and the window it is shown in: null when
     * it is not shown (ignored people's words and comings and goings; their nick changes are followed). A room's
     * events go to its window and a private message to the other person's, each opened when first needed;
     * notices to the window in front.
     */
    private final class Follow implements ChatEvent.Visitor<Window> {
        /** The server put us in a room (connecting, or answering a /join): its window comes to the front. */
        @Override
        public Window welcome(ChatEvent.Welcome w) {
            own.follow(w);
            room = w.room();
            Window win = windows.room(w.room());
            win.members.clear();
            win.crowd = 0;
            windows.show(win);
            return win;
        }

        /** A part of a big room (a sample, a page of /who) adds to who we know rather than replacing it. */
        @Override
        public Window members(ChatEvent.Members m) {
            Window win = windows.room(m.room());
            if (m.complete()) {
                win.members.replaceAll(m.members());
            } else {
                m.members().forEach(who -> win.members.add(who.nick()));
            }
            win.crowd = m.complete() ? 0 : m.count();
            return win;
        }

        /** A big room's comings and goings, summed up: shown, and its count kept for the status line. */
        @Override
        public Window presence(ChatEvent.Presence p) {
            Window win = windows.room(p.room());
            win.crowd = p.count();
            return win;
        }

        @Override
        public Window join(ChatEvent.Join j) {
            Window win = windows.room(j.room());
            win.members.add(j.who().nick());
            return ignores.ignores(j.who().nick()) ? null : win;
        }

        @Override
        public Window leave(ChatEvent.Leave l) {
            Window win = windows.room(l.room());
            win.members.remove(l.who().nick());
            return ignores.ignores(l.who().nick()) ? null : win;
        }

        @Override
        public Window nickChange(ChatEvent.NickChange n) {
            windows.forEach(w -> w.members.rename(n.oldNick(), n.newNick()));
            windows.find(Window.Kind.QUERY, n.oldNick()).ifPresent(w -> w.rename(n.newNick()));
            own.follow(n);
            if (ignores.ignores(n.oldNick())) {
                ignores.renamed(n.oldNick(), n.newNick());
                return null;
            }
            return windows.room(n.room());
        }

        @Override
        public Window message(ChatEvent.Message m) {
            return ignores.ignores(m.from().nick()) ? null : windows.room(m.room());
        }

        @Override
        public Window action(ChatEvent.Action a) {
            return ignores.ignores(a.from().nick()) ? null : windows.room(a.room());
        }

        @Override
        public Window privateMessage(ChatEvent.Private p) {
            if (ignores.ignores(p.from().nick())) {
                return null;
            }
            return windows.query(own.is(p.from().nick()) ? p.to() : p.from().nick());
        }

        @Override
        public Window info(ChatEvent.Info i) {
            return windows.current();
        }

        @Override
        public Window error(ChatEvent.Error r) {
            return windows.current();
        }
    }

    // ---- windows ----

    /**
     * Brings window {@code number} (from 1) to the front. A room's window for a room the server does not have us
     * in asks to go there: the server keeps each person in one room, so a window is the client's view of it.
     */
    public Submission showWindow(int number, Instant now) {
        if (number < 1 || number > windows.size()) {
            note("no window " + number + " (there " + (windows.size() == 1 ? "is 1" : "are " + windows.size())
                    + ")", now);
            return Submission.nothing();
        }
        Window w = windows.get(number);
        windows.show(w);
        if (w.kind() == Window.Kind.ROOM && !w.name().isEmpty() && !inCurrentRoom()) {
            return new Submission(List.of("/join " + w.name()), false);
        }
        return Submission.nothing();
    }

    /** Alt-Left / Alt-Right: the window before or after this one, round the ends. */
    public Submission nextWindow(int step, Instant now) {
        int index = windows.number(windows.current()) - 1;
        return showWindow(Math.floorMod(index + step, windows.size()) + 1, now);
    }

    /** Whether the window in front is the room the server has us in. */
    private boolean inCurrentRoom() {
        return windows.current().kind() == Window.Kind.ROOM && !room.isEmpty() && windows.current().is(Window.Kind.ROOM, room);
    }

    /** In a private window, what you say goes to that person; commands go as typed. */
    private String toServer(String line) {
        if (windows.current().kind() == Window.Kind.QUERY
                && Command.parse(line).orElse(null) instanceof Command.Say say) {
            return "/msg " + windows.current().name() + " " + say.text();
        }
        return line;
    }

    private Submission window(String argument, Instant now) {
        try {
            return showWindow(Integer.parseInt(argument.strip()), now);
        } catch (NumberFormatException e) {
            note("usage: /window N (Alt-1..9, Alt-Left/Right)", now);
            return Submission.nothing();
        }
    }

    private Submission query(String nick, Instant now) {
        if (nick.isBlank() || nick.strip().contains(" ")) {
            note("usage: /query NICK (then what you type goes to NICK)", now);
            return Submission.nothing();
        }
        windows.show(windows.query(nick.strip()));
        return Submission.nothing();
    }

    /** Closes the window in front; the room the server has us in keeps its window until we go elsewhere. */
    private Submission part(Instant now) {
        if (inCurrentRoom() || windows.size() == 1) {
            note("you are always in a room: /join another (or switch to its window) first", now);
            return Submission.nothing();
        }
        windows.closeCurrent();
        return Submission.nothing();
    }

    private void add(Window w, LogEntry entry) {
        boolean divider = entry.kind() == LogEntry.Kind.DIVIDER;
        if (!divider && entry.history() && !w.inHistory) {
            append(w, format.historyStart(entry.time(), w.name()));
            w.inHistory = true;
        } else if (!divider && !entry.history() && w.inHistory && entry.kind() != LogEntry.Kind.NOTE) {
            append(w, format.historyEnd(entry.time()));
            w.inHistory = false;
        }
        LocalDate day = entry.time().atZone(zone).toLocalDate();
        if (w.lastDay != null && !day.equals(w.lastDay)) {
            append(w, format.dayChange(entry.time(), day));
        }
        w.lastDay = day;
        append(w, entry);
    }

    private void append(Window w, LogEntry entry) {
        widen(entry);
        if (w != windows.current()) {
            w.arrivedUnseen(entry, format);
        }
        w.log.append(entry);
        w.scroll.appended(entry);
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
        windows.addressWidth(show ? widestAddress : 0);
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
