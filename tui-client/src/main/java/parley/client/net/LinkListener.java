package parley.client.net;

import parley.protocol.ChatEvent;

/**
 * What the link reports. Called on the link's own reader thread, one call at a time and in order; an
 * implementation hands the calls to its own thread (the UI queue) and must not block.
 */
public interface LinkListener {

    void received(ChatEvent event);

    /** {@code detail} is a sentence for the person, possibly empty. */
    void changed(LinkState state, String detail);
}
