package parley.client.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.StreamBasedTerminal;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import parley.client.input.Action;
import parley.client.input.KeyMap;
import parley.client.net.LinkListener;
import parley.client.net.LinkState;
import parley.client.state.ClientState;
import parley.client.state.Submission;
import parley.client.view.ChatView;
import parley.protocol.ChatEvent;
import parley.protocol.HistoryBatch;

/**
 * The full-screen client's UI thread: keys and server events in, state changes, one redraw per batch.
 *
 * <pre>
 *  key thread --readInput--> queue --+
 *  link thread --LinkListener--> queue +--> UiEvent --> KeyMap --> Action --+
 *  resize listener ----------> queue --+                                   +--> ClientState --> ChatView
 *                                                                          |      --> Screen.refresh(DELTA)
 *                                                      lines to send <-----+  (ServerLink, never blocks)
 * </pre>
 *
 * Nothing here waits on a socket. {@link #step()} does one round of work without blocking, so tests drive the
 * client key by key on a virtual terminal (reading keys from it directly); {@link #run()} sleeps on the queue and
 * loops over it until the person leaves.
 */
public final class FullScreenClient implements LinkListener {

    /** Where typed lines go; {@code ServerLink::send} in the real client. */
    @FunctionalInterface
    public interface Sender {
        /** Queues a line; true when it went out now, false when it is kept for the next connection. */
        boolean send(String line);
    }

    private static final int WHEEL_ROWS = 3;

    private final TerminalScreen screen;
    private final ClientState state;
    private final Clock clock;
    private final Sender sender;
    private final KeyMap keys = new KeyMap();
    private final ChatView view;
    private final BlockingQueue<UiEvent> inbox = new LinkedBlockingQueue<>();
    /** The event {@link #awaitEvent()} woke up for: older than all still in the inbox, so handled before them. */
    private UiEvent awaited;
    private int exitCode = -1;
    private boolean quitRequested;
    private String failure = "";
    private boolean fullRedraw = true;
    /** Whether {@link #run()} reads keys on its own thread (they then arrive in the inbox). */
    private boolean keysOnThread;
    private volatile long wakeups;     // written by the UI thread only, read by tests
    /** The text of a bracketed paste in progress, or null. */
    private StringBuilder pasted;

    public FullScreenClient(TerminalScreen screen, ClientState state, Clock clock, Sender sender) {
        this.screen = screen;
        this.state = state;
        this.clock = clock;
        this.sender = sender;
        this.view = new ChatView(writesAstral(screen.getTerminal()));
    }

    /**
     * Whether {@code terminal} can show characters beyond the BMP (see view.Glyphs): virtual terminals can, and so
     * can {@link WholeCharacterTerminal} on UTF-8; Lanterna's own stream terminals send them as "??".
     */
    static boolean writesAstral(Terminal terminal) {
        if (terminal instanceof WholeCharacterTerminal whole) {
            return whole.writesAstral();
        }
        return !(terminal instanceof StreamBasedTerminal);
    }

    // ---- called on the link's thread: only queue ----

    @Override
    public void received(ChatEvent event) {
        inbox.add(new UiEvent.Received(event));
    }

    @Override
    public void older(HistoryBatch end, List<ChatEvent.Spoken> lines) {
        inbox.add(new UiEvent.Older(end, lines));
    }

    @Override
    public void changed(LinkState linkState, String detail) {
        inbox.add(new UiEvent.Changed(linkState, detail));
    }

    // ---- the UI thread ----

    /**
     * Runs until the person quits (0) or the connection fails for good (1). Restores the terminal on every exit.
     * Keys are read on a thread of their own that blocks on the terminal, so the loop sleeps on one queue until a
     * key, a server event or a resize arrives: an idle client does not wake up at all.
     */
    public int run() throws IOException {
        Thread keyReader = null;
        try {
            start();
            keyReader = readKeysOnAThread();
            while (exitCode < 0) {
                awaitEvent();
                wakeups++;
                step();
            }
            return exitCode;
        } finally {
            if (keyReader != null) {
                keyReader.interrupt();      // a virtual terminal's read ends; System.in's stays blocked (a daemon)
            }
            stop();
        }
    }

    /** Enters the full screen, asks for bracketed paste where the terminal can do it, and draws once. */
    public void start() throws IOException {
        screen.startScreen();
        if (screen.getTerminal() instanceof WholeCharacterTerminal whole) {
            whole.bracketedPaste(true);
        }
        render();
    }

    private void stop() throws IOException {
        if (screen.getTerminal() instanceof WholeCharacterTerminal whole) {
            whole.bracketedPaste(false);
        }
        screen.stopScreen();
    }

    /**
     * One round: resize, every key typed so far, every event received so far, one redraw. Returns whether anything
     * happened. Never blocks, so tests drive it key by key.
     */
    public boolean step() throws IOException {
        boolean changed = false;
        TerminalSize resized = screen.doResizeIfNecessary();
        if (resized != null) {
            fullRedraw = true;
            changed = true;
        }
        if (!keysOnThread) {
            for (KeyStroke k = screen.pollInput(); k != null && exitCode < 0; k = screen.pollInput()) {
                handleKey(k);
                changed = true;
            }
        }
        for (UiEvent e = nextEvent(); e != null && exitCode < 0; e = nextEvent()) {
            handle(e);
            changed = true;
        }
        if (changed && exitCode < 0) {
            render();
        }
        return changed;
    }

    /** -1 while running, else the exit code. */
    public int exitCode() {
        return exitCode;
    }

    /** Why the client gave up, for printing after the terminal is restored; empty if it did not. */
    public String failure() {
        return failure;
    }

    public ClientState state() {
        return state;
    }

    /** How often {@link #run()} has woken up: once per key, event or resize, never on its own. */
    long wakeups() {
        return wakeups;
    }

    private Thread readKeysOnAThread() {
        keysOnThread = true;
        screen.getTerminal().addResizeListener((terminal, size) -> inbox.add(new UiEvent.Resized()));
        Thread reader = new Thread(() -> {
            try {
                KeyStroke k;
                do {
                    k = screen.readInput();
                    inbox.add(new UiEvent.Typed(k));
                } while (k.getKeyType() != KeyType.EOF);
            } catch (IOException | RuntimeException e) {
                // The terminal is gone or we are leaving: as the window closing.
                inbox.add(new UiEvent.Typed(new KeyStroke(KeyType.EOF)));
            }
        }, "parley-keys");
        reader.setDaemon(true);     // a read of System.in cannot be interrupted; it must not keep the JVM alive
        reader.start();
        return reader;
    }

    /**
     * Waits for a key, an event or a resize. What wakes us is kept aside, not put back in the queue: the link may
     * already have queued more behind it (a /join's welcome, members and join come in one burst), and handled
     * after those it would undo them.
     */
    private void awaitEvent() {
        try {
            awaited = inbox.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exitCode = 0;
        }
    }

    /** The awaited event first, then the inbox in the order it was queued. */
    private UiEvent nextEvent() {
        UiEvent e = awaited;
        if (e == null) {
            return inbox.poll();
        }
        awaited = null;
        return e;
    }

    private void handleKey(KeyStroke key) {
        keys.map(key).ifPresent(this::act);
    }

    /**
     * Inside a bracketed paste everything is text; a paste of several lines waits for Enter (send) or Esc
     * (discard) while typing goes on into the input line as usual. Without bracketed paste, Enter always submits:
     * no guess from timing can turn a typed command into text.
     */
    private void act(Action a) {
        if (pasted != null) {
            collect(a);
        } else if (a.kind() == Action.Kind.PASTE_START) {
            pasted = new StringBuilder();
        } else if (!state.pendingPaste().isEmpty() && a.kind() == Action.Kind.SUBMIT) {
            send(state.answerPaste(true, clock.instant()));
        } else if (!state.pendingPaste().isEmpty() && a.kind() == Action.Kind.CANCEL) {
            send(state.answerPaste(false, clock.instant()));
        } else {
            apply(a);
        }
    }

    private void collect(Action a) {
        switch (a.kind()) {
            case INSERT -> pasted.append(a.text());
            case SUBMIT -> pasted.append('\n');
            case COMPLETE -> pasted.append(' ');       // a pasted TAB
            case PASTE_END -> {
                List<String> lines = new ArrayList<>(List.of(pasted.toString().split("\n", -1)));
                pasted = null;
                if (lines.size() > 1 && lines.get(lines.size() - 1).isEmpty()) {
                    lines.remove(lines.size() - 1);     // the line break after the last line ends it, nothing more
                }
                if (lines.size() == 1) {
                    state.input().insert(lines.get(0));
                } else {
                    state.offerPaste(lines);
                }
            }
            default -> {
                // editing keys inside a paste are terminal noise
            }
        }
    }

    private void apply(Action a) {
        if (a.kind() != Action.Kind.COMPLETE) {
            state.endCompletion();
        }
        switch (a.kind()) {
            case INSERT -> state.input().insert(a.text());
            case LEFT -> state.input().left();
            case RIGHT -> state.input().right();
            case WORD_LEFT -> state.input().wordLeft();
            case WORD_RIGHT -> state.input().wordRight();
            case YANK -> state.input().yank();
            case HOME -> state.input().home();
            case END -> {
                state.input().end();
                state.scroll().toBottom();
            }
            case BACKSPACE -> state.input().backspace();
            case DELETE -> state.input().delete();
            case KILL_TO_END -> state.input().killToEnd();
            case KILL_TO_START -> state.input().killToStart();
            case DELETE_WORD -> state.input().deleteWordBefore();
            case HISTORY_PREVIOUS -> state.historyPrevious();
            case HISTORY_NEXT -> state.historyNext();
            case COMPLETE -> state.complete();
            case SUBMIT -> send(state.submit(state.input().take(), clock.instant()));
            case PAGE_UP -> {
                state.scroll().pageUp();
                if (state.scroll().atTop()) {
                    state.olderWanted().ifPresent(sender::send);    // the top: ask for the page before it
                }
            }
            case PAGE_DOWN -> state.scroll().pageDown();
            case SCROLL_UP -> state.scroll().scrollUp(WHEEL_ROWS);
            case SCROLL_DOWN -> state.scroll().scrollDown(WHEEL_ROWS);
            case INTERRUPT -> leave();
            case END_OF_INPUT -> {
                if (state.input().isEmpty()) {
                    leave();
                } else {
                    state.input().delete();
                }
            }
            case REDRAW -> fullRedraw = true;
            case TOGGLE_ADDRESSES -> state.toggleAddresses();
            case TOGGLE_NICK_LIST -> state.toggleNickList();
            case WINDOW -> send(state.showWindow(Integer.parseInt(a.text()), clock.instant()));
            case WINDOW_PREVIOUS -> send(state.nextWindow(-1, clock.instant()));
            case WINDOW_NEXT -> send(state.nextWindow(1, clock.instant()));
            case CANCEL, PASTE_START, PASTE_END -> {
                // Escape: nothing to cancel outside a paste question; a stray paste end is noise
            }
        }
    }

    private void send(Submission s) {
        for (String line : s.toServer()) {
            sender.send(line);
        }
        if (s.quit()) {
            quitRequested = true;
            if (state.connection() != LinkState.CONNECTED) {
                exitCode = 0;   // nobody to say goodbye to
            }
        }
    }

    /** Ctrl-C, Ctrl-D: say goodbye if connected, and go without waiting for the answer. */
    private void leave() {
        if (state.connection() == LinkState.CONNECTED) {
            sender.send("/quit");
        }
        exitCode = 0;
    }

    private void handle(UiEvent e) {
        if (e instanceof UiEvent.Typed t) {
            handleKey(t.key());
        } else if (e instanceof UiEvent.Received r) {
            if (state.onEvent(r.event())) {
                bell();
            }
        } else if (e instanceof UiEvent.Older o) {
            state.onOlder(o.end(), o.lines());
        } else if (e instanceof UiEvent.Changed c) {
            linkChanged(c.state(), c.detail());
        }
    }

    private void linkChanged(LinkState linkState, String detail) {
        state.onConnection(linkState, detail, clock.instant());
        if (linkState == LinkState.CLOSED || (linkState == LinkState.FAILED && quitRequested)) {
            exitCode = 0;
        } else if (linkState == LinkState.FAILED) {
            failure = detail;
            exitCode = 1;
        }
    }

    private void bell() {
        try {
            screen.getTerminal().bell();
        } catch (IOException e) {
            // a bell that cannot ring is not worth stopping for
        }
    }

    private void render() throws IOException {
        ChatView.Layout layout = ChatView.Layout.of(screen.getTerminalSize());
        state.scroll().resize(view.paneColumns(state, layout), layout.paneRows());
        view.draw(screen, state, layout);
        // Hidden while Lanterna moves it from change to change; the refresh shows it again at the input line.
        screen.getTerminal().setCursorVisible(false);
        screen.refresh(fullRedraw ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
        fullRedraw = false;
    }
}
