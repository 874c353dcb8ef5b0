package parley.client.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import parley.client.input.Action;
import parley.client.input.KeyMap;
import parley.client.net.LinkListener;
import parley.client.net.LinkState;
import parley.client.state.ClientState;
import parley.client.state.Submission;
import parley.client.view.ChatView;
import parley.protocol.ChatEvent;

/**
 * The full-screen client's UI thread: keys and server events in, state changes, one redraw per batch.
 *
 * <pre>
 *  terminal keys --pollInput--> KeyMap --> Action --+
 *                                                   +--> ClientState --> ChatView --> Screen.refresh
 *  link thread --LinkListener--> queue --> UiEvent -+         |
 *                                                             +--> lines --> send (ServerLink, never blocks)
 * </pre>
 *
 * Nothing here waits on a socket. {@link #step()} does one round of work without blocking, so tests drive the
 * client key by key on a virtual terminal; {@link #run()} loops over it until the person leaves.
 */
public final class FullScreenClient implements LinkListener {

    /** Where typed lines go; {@code ServerLink::send} in the real client. */
    @FunctionalInterface
    public interface Sender {
        /** Queues a line; true when it went out now, false when it is kept for the next connection. */
        boolean send(String line);
    }

    /** How long the loop waits for a server event before looking at the keyboard again. */
    private static final long POLL_MILLIS = 15;
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
    public void changed(LinkState linkState, String detail) {
        inbox.add(new UiEvent.Changed(linkState, detail));
    }

    // ---- the UI thread ----

    /** Runs until the person quits (0) or the connection fails for good (1). Restores the terminal on every exit. */
    public int run() throws IOException {
        try {
            start();
            while (exitCode < 0) {
                if (!step()) {
                    awaitEvent();
                }
            }
            return exitCode;
        } finally {
            screen.stopScreen();
        }
    }

    /** Enters the full screen and draws it once. */
    public void start() throws IOException {
        screen.startScreen();
        render();
    }

    /** One round: resize, every key typed so far, every event received so far, one redraw. Returns whether anything happened. */
    public boolean step() throws IOException {
        boolean changed = false;
        TerminalSize resized = screen.doResizeIfNecessary();
        if (resized != null) {
            fullRedraw = true;
            changed = true;
        }
        List<KeyStroke> typed = pollKeys();
        if (!typed.isEmpty()) {
            handleKeys(typed);
            changed = true;
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

    /**
     * Waits a little for the link to report something. What wakes us is kept aside, not put back in the queue:
     * the link may already have queued more behind it (a /join's welcome, members and join come in one burst),
     * and handled after those it would undo them.
     */
    private void awaitEvent() {
        try {
            awaited = inbox.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exitCode = 0;
        }
    }

    /** The awaited event first, then the inbox in the order the link reported. */
    private UiEvent nextEvent() {
        UiEvent e = awaited;
        if (e == null) {
            return inbox.poll();
        }
        awaited = null;
        return e;
    }

    private List<KeyStroke> pollKeys() throws IOException {
        List<KeyStroke> out = new ArrayList<>();
        for (KeyStroke k = screen.pollInput(); k != null; k = screen.pollInput()) {
            out.add(k);
        }
        return out;
    }

    private void handleKeys(List<KeyStroke> typed) {
        List<Action> actions = new ArrayList<>();
        for (KeyStroke k : typed) {
            keys.map(k).ifPresent(actions::add);
        }
        if (!state.pendingPaste().isEmpty() && !actions.isEmpty()) {
            answerPaste(actions.remove(0));
        }
        if (isPaste(actions)) {
            collectPaste(actions);
            return;
        }
        for (Action a : actions) {
            if (exitCode >= 0) {
                return;
            }
            if (!state.pendingPaste().isEmpty()) {
                answerPaste(a);
            } else {
                apply(a);
            }
        }
    }

    /** Typing never puts text after an Enter within one read; a paste does. */
    private static boolean isPaste(List<Action> actions) {
        Predicate<Action> submit = a -> a.kind() == Action.Kind.SUBMIT;
        for (int i = 0; i < actions.size(); i++) {
            if (submit.test(actions.get(i))) {
                for (int j = i + 1; j < actions.size(); j++) {
                    if (actions.get(j).kind() == Action.Kind.INSERT) {
                        return true;
                    }
                }
                return false;
            }
        }
        return false;
    }

    /** The pasted lines wait for a yes; text after the last line break stays in the input line. */
    private void collectPaste(List<Action> actions) {
        List<String> lines = new ArrayList<>();
        for (Action a : actions) {
            switch (a.kind()) {
                case INSERT -> state.input().insert(a.text());
                case COMPLETE -> state.input().insert(" ");     // a pasted TAB
                case SUBMIT -> lines.add(state.input().take());
                default -> {
                    // editing keys inside a paste are terminal noise
                }
            }
        }
        state.offerPaste(lines);
    }

    private void answerPaste(Action a) {
        boolean yes = a.kind() == Action.Kind.SUBMIT
                || (a.kind() == Action.Kind.INSERT && a.text().equalsIgnoreCase("y"));
        boolean no = a.kind() == Action.Kind.CANCEL || a.kind() == Action.Kind.INTERRUPT
                || (a.kind() == Action.Kind.INSERT && a.text().equalsIgnoreCase("n"));
        if (yes || no) {
            send(state.answerPaste(yes, clock.instant()));
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
            case PAGE_UP -> state.scroll().pageUp();
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
            case CANCEL -> {
                // Escape: nothing to cancel outside a paste question
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
        if (e instanceof UiEvent.Received r) {
            if (state.onEvent(r.event())) {
                bell();
            }
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
        state.scroll().resize(layout.columns(), layout.paneRows());
        view.draw(screen, state, layout);
        screen.refresh(fullRedraw ? Screen.RefreshType.COMPLETE : Screen.RefreshType.AUTOMATIC);
        fullRedraw = false;
    }
}
