package parley.client.tui;

import parley.client.net.LinkState;
import parley.protocol.ChatEvent;

/** What other threads hand to the UI thread through its queue; the UI thread is the only one touching state. */
sealed interface UiEvent {

    record Received(ChatEvent event) implements UiEvent {
    }

    record Changed(LinkState state, String detail) implements UiEvent {
    }
}
