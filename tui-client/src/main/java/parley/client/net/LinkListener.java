package parley.client.net;

import java.util.List;
import parley.protocol.ChatEvent;
import parley.protocol.HistoryBatch;

/**
 * What the link reports. Called on the link's own reader thread, one call at a time and in order; an
 * implementation hands the calls to its own thread (the UI queue) and must not block.
 */
public interface LinkListener {

    void received(ChatEvent event);

    /**
     * A page of older lines of a room, asked for with {@code /history before ID} (PgUp at the top of the
     * scrollback): {@code lines} oldest first, none of them handed on before; {@code end} says how many older
     * ones are left. Shown above what is there, not below it.
     */
    default void older(HistoryBatch end, List<ChatEvent.Spoken> lines) {
        lines.forEach(this::received);
    }

    /** {@code detail} is a sentence for the person, possibly empty. */
    void changed(LinkState state, String detail);
}
