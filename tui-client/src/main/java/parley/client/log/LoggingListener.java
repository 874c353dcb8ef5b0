package parley.client.log;

import java.util.List;
import java.util.Optional;
import parley.client.net.LinkListener;
import parley.client.net.LinkState;
import parley.client.net.OwnNick;
import parley.client.state.EntryFormat;
import parley.protocol.ChatEvent;
import parley.protocol.HistoryBatch;

/**
 * Logs what the link hands on, then hands it to the client as before. Runs on the link's reader thread; the disk
 * is the {@link ConversationLog}'s writer thread's business, so nothing here waits.
 *
 * <p>Only what happens live is logged: lines replayed from a room's history (on joining, a catch-up, a page of
 * older lines) were logged when they were said, if this client was there, and would otherwise land in the file
 * out of time order.
 */
public final class LoggingListener implements LinkListener {

    private final LinkListener client;
    private final ConversationLog log;
    private final EntryFormat format;
    private final OwnNick own = new OwnNick();

    /** Lines read as the client shows them, addresses included; the file puts its own clock in front. */
    public LoggingListener(LinkListener client, ConversationLog log) {
        this.client = client;
        this.log = log;
        this.format = new EntryFormat(java.time.ZoneOffset.UTC, "");
    }

    @Override
    public void received(ChatEvent event) {
        own.follow(event);
        if (!event.history()) {
            conversation(event).ifPresent(c -> log.record(c, event.time(),
                    format.fromEvent(event, own.get()).plainText()));
        }
        client.received(event);
    }

    @Override
    public void older(HistoryBatch end, List<ChatEvent.Spoken> lines) {
        client.older(end, lines);
    }

    @Override
    public void changed(LinkState state, String detail) {
        client.changed(state, detail);
    }

    /** {@code #room} for what happens in a room, the other person's nick for a private message. */
    private Optional<String> conversation(ChatEvent e) {
        if (e instanceof ChatEvent.Private p) {
            return Optional.of(own.is(p.from().nick()) ? p.to() : p.from().nick());
        }
        String room = room(e);
        return room.isEmpty() ? Optional.empty() : Optional.of("#" + room);
    }

    private static String room(ChatEvent e) {
        return e.accept(ROOM);
    }

    /** The room an event happened in; empty for a private message (its conversation is a person). */
    private static final ChatEvent.Visitor<String> ROOM = new ChatEvent.Visitor<>() {
        @Override
        public String welcome(ChatEvent.Welcome e) {
            return e.room();
        }

        @Override
        public String message(ChatEvent.Message e) {
            return e.room();
        }

        @Override
        public String action(ChatEvent.Action e) {
            return e.room();
        }

        @Override
        public String privateMessage(ChatEvent.Private e) {
            return "";
        }

        @Override
        public String join(ChatEvent.Join e) {
            return e.room();
        }

        @Override
        public String leave(ChatEvent.Leave e) {
            return e.room();
        }

        @Override
        public String nickChange(ChatEvent.NickChange e) {
            return e.room();
        }

        @Override
        public String members(ChatEvent.Members e) {
            return e.room();
        }

        @Override
        public String presence(ChatEvent.Presence e) {
            return e.room();
        }

        @Override
        public String info(ChatEvent.Info e) {
            return e.room();
        }

        @Override
        public String error(ChatEvent.Error e) {
            return e.room();
        }
    };
}
