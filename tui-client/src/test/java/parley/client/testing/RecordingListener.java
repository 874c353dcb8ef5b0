package parley.client.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import parley.client.net.LinkListener;
import parley.client.net.LinkState;
import parley.protocol.ChatEvent;
import parley.protocol.HistoryBatch;

/** Records what a link reports, for tests to wait on in order. */
public final class RecordingListener implements LinkListener {

    public final BlockingQueue<ChatEvent> events = new LinkedBlockingQueue<>();
    public final BlockingQueue<LinkState> states = new LinkedBlockingQueue<>();
    public final BlockingQueue<String> details = new LinkedBlockingQueue<>();
    /** Pages of older history, each as its end frame and its lines. */
    public final BlockingQueue<Map.Entry<HistoryBatch, List<ChatEvent.Spoken>>> pages = new LinkedBlockingQueue<>();

    @Override
    public void received(ChatEvent event) {
        events.add(event);
    }

    @Override
    public void older(HistoryBatch end, List<ChatEvent.Spoken> lines) {
        pages.add(Map.entry(end, lines));
    }

    @Override
    public void changed(LinkState state, String detail) {
        // Detail first: a test that saw the state may then rely on its detail being there.
        if (!detail.isEmpty()) {
            details.add(detail);
        }
        states.add(state);
    }

    /** Skips states until {@code wanted} is reported; fails after 5 s. */
    public void awaitState(LinkState wanted) throws InterruptedException {
        while (true) {
            LinkState s = states.poll(5, TimeUnit.SECONDS);
            if (s == null) {
                throw new AssertionError("no " + wanted + " reported");
            }
            if (s == wanted) {
                return;
            }
        }
    }

    public ChatEvent nextEvent() throws InterruptedException {
        return events.poll(5, TimeUnit.SECONDS);
    }
}
