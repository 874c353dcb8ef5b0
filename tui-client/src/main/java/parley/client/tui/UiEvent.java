package parley.client.tui;

import com.googlecode.lanterna.input.KeyStroke;
import parley.client.net.LinkState;
import java.util.List;
import parley.protocol.ChatEvent;
import parley.protocol.HistoryBatch;

/** What other threads hand to the UI thread through its queue; the UI thread is the only one touching state. */
sealed interface UiEvent {

    record Received(ChatEvent event) implements UiEvent {
    }

    /** A page of older history, to go above the scrollback. */
    record Older(HistoryBatch end, List<ChatEvent.Spoken> lines) implements UiEvent {
    }

    record Changed(LinkState state, String detail) implements UiEvent {
    }

    /** A key from the key thread. */
    record Typed(KeyStroke key) implements UiEvent {
    }

    /** The terminal changed size: only a wake-up, the screen reads the new size itself. */
    record Resized() implements UiEvent {
    }
}
