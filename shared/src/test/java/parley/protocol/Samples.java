package parley.protocol;

import java.time.Instant;
import java.util.List;

/** Events of every kind built from the same few strings, for tests that must cover each kind. */
final class Samples {

    private Samples() {
    }

    /**
     * One event of each kind; {@code history} marks the kinds that can be history. Members lists
     * {@code nick@address} once, as a whole room and as a part of a big one.
     */
    static List<ChatEvent> oneOfEach(String room, Instant t, String nick, String address, String text,
                                     boolean history) {
        Member who = new Member(nick, address);
        return List.of(
                new ChatEvent.Welcome(room, t, who, text),
                new ChatEvent.Message(room, t, who, text, history),
                new ChatEvent.Action(room, t, who, text, history),
                new ChatEvent.Private(t, who, room, text),
                new ChatEvent.Join(room, t, who),
                new ChatEvent.Leave(room, t, who, text),
                new ChatEvent.NickChange(room, t, nick, text, address),
                new ChatEvent.Members(room, t, List.of(who)),
                new ChatEvent.Members(room, t, List.of(who), 10_000),
                new ChatEvent.Presence(room, t, 120, 14, 3, 10_106, List.of(nick)),
                new ChatEvent.Info(room, t, text),
                new ChatEvent.Error(room, t, text));
    }
}
