package parley.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import parley.history.MemoryHistoryStore;
import parley.metrics.ServerMetrics;
import parley.protocol.Member;

/**
 * The core's side of a cluster's presence, with no Redis: a fake {@link PresenceRelay} plays the other nodes
 * (module {@code cluster} tests the real one over a real redis-server). What other nodes do is announced here
 * by the same rules as local comings and goings, counted by {@code /who}, {@code /rooms} and the big-room rules;
 * a rename waits for its claim; {@code /msg} to another node goes through the relay.
 */
class OtherNodesTest {

    private static final String T = "[12:00:00] ";

    /** The other nodes as a test drives them: claims answered when the test says, messages recorded. */
    private static final class FakeNodes implements PresenceRelay {
        PresenceRelay.Listener core;
        final Set<String> takenElsewhere = new HashSet<>();
        final List<String> told = new ArrayList<>();
        Consumer<Optional<String>> waitingClaim;
        boolean answerLater;
        long guests;

        @Override
        public void attach(Listener core) {
            this.core = core;
        }

        @Override
        public long nextGuestNumber() {
            return ++guests;
        }

        @Override
        public void claim(String nick, Consumer<Optional<String>> answer) {
            Optional<String> refusal = takenElsewhere.contains(nick)
                    ? Optional.of("nick " + nick + " is taken (on node b)") : Optional.empty();
            if (answerLater) {
                waitingClaim = c -> answer.accept(refusal);
            } else {
                answer.accept(refusal);
            }
        }

        @Override
        public void tell(Member from, String node, String toNick, String text, Consumer<Optional<String>> done) {
            told.add(from.nick() + " -> " + toNick + "@" + node + ": " + text);
            done.accept(Optional.empty());
        }
    }

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
    private final FakeNodes nodes = new FakeNodes();
    private ChatCore core;

    private void start(int presenceLimit) {
        MemoryHistoryStore store = new MemoryHistoryStore(10, 10);
        core = new ChatCore(clock, ServerLog.silent(), CoreSettings.defaults().withPresenceLimit(presenceLimit), store,
                Runnable::run, TrustSettings.inMemory(), ServerMetrics.NONE, new LocalRelay(store), nodes);
    }

    private RecordingOutbound connect() {
        RecordingOutbound out = new RecordingOutbound();
        Session s = core.connect("10.0.0.1:1000", out);
        out.newLines();
        sessions.add(s);
        return out;
    }

    private final List<Session> sessions = new ArrayList<>();

    private List<String> says(int who, String line) {
        core.receive(sessions.get(who), line);
        return ((RecordingOutbound) sessions.get(who).out()).newLines();
    }

    private static PresenceRelay.Remote bob(String room) {
        return new PresenceRelay.Remote("b", room, new Member("bob", "10.0.0.7:2000@b"));
    }

    @Test
    void anotherNodesPeopleAreAnnouncedListedAndLeaveWithTheirNode() {
        start(10);
        RecordingOutbound alice = connect();
        nodes.core.joined(bob("lobby"));
        assertThat(alice.newLines()).containsExactly(T + "-> bob (10.0.0.7:2000@b) joined #lobby");
        assertThat(says(0, "/who")).containsExactly(T + "-- in #lobby: 2 people: guest1 (10.0.0.1:1000), bob (10.0.0.7:2000@b)");
        nodes.core.joined(new PresenceRelay.Remote("b", "rust", new Member("carol", "10.0.0.8:3000@b")));
        assertThat(says(0, "/rooms")).containsExactly(T + "-- rooms: #lobby (2), #rust (1)");
        nodes.core.renamed("bob", new PresenceRelay.Remote("b", "lobby", new Member("bobby", "10.0.0.7:2000@b")));
        assertThat(alice.newLines()).containsExactly(T + "-- bob (10.0.0.7:2000@b) is now known as bobby");
        nodes.core.nodeGone("b", "node b stopped answering");
        assertThat(alice.newLines()).containsExactly(T + "<- bobby (10.0.0.7:2000@b) left #lobby (node b stopped answering)");
        assertThat(says(0, "/rooms")).containsExactly(T + "-- rooms: #lobby (1)");
    }

    @Test
    void aBigRoomCountsTheOtherNodesArrivalsInItsSummaryAndItsWelcome() {
        start(2);
        RecordingOutbound alice = connect();
        nodes.core.joined(bob("lobby"));
        assertThat(alice.newLines()).hasSize(1); // two people: still one line each
        nodes.core.joined(new PresenceRelay.Remote("b", "lobby", new Member("carol", "10.0.0.8:3000@b")));
        assertThat(alice.newLines()).isEmpty(); // three: summed up
        core.tick();
        assertThat(alice.newLines()).containsExactly(T + "-- #lobby: +1 joined (carol), -0 left, 0 renamed; 3 people here");
        connect();
        assertThat(says(1, "/who")).startsWith(T + "-- in #lobby: 4 people, 2 shown: guest1 (10.0.0.1:1000), guest2 (10.0.0.1:1000)");
    }

    @Test
    void aRenameWaitsForItsClaimAndANickTakenElsewhereIsRefused() {
        start(10);
        connect();
        nodes.takenElsewhere.add("zed");
        assertThat(says(0, "/nick zed")).containsExactly(T + "!! nick zed is taken (on node b); you are still guest1");
        nodes.answerLater = true;
        assertThat(says(0, "/nick amy")).isEmpty();
        nodes.waitingClaim.accept(Optional.empty());
        assertThat(((RecordingOutbound) sessions.get(0).out()).newLines())
                .containsExactly(T + "-- guest1 (10.0.0.1:1000) is now known as amy");
    }

    @Test
    void msgToAnotherNodeGoesThroughTheRelayAndIsRefusedWhileRedisIsUnreachable() {
        start(10);
        connect();
        nodes.core.joined(bob("lobby"));
        ((RecordingOutbound) sessions.get(0).out()).newLines();
        assertThat(says(0, "/msg BOB hi there")).containsExactly(T + "*guest1@10.0.0.1:1000 -> bob* hi there");
        assertThat(nodes.told).containsExactly("guest1 -> bob@b: hi there");
        nodes.core.cutOff();
        assertThat(says(0, "/msg bob again")).containsExactly(T + "!! the cluster's Redis is unreachable: bob was on "
                + "node b and cannot be reached now; your message was not sent");
        assertThat(says(0, "/who")).containsExactly(T + "-- in #lobby: 1 person: guest1 (10.0.0.1:1000)");
        nodes.core.everyone(List.of(bob("lobby"))); // back: quietly whole again
        assertThat(says(0, "/who")).containsExactly(T + "-- in #lobby: 2 people: guest1 (10.0.0.1:1000), bob (10.0.0.7:2000@b)");
    }

    @Test
    void someoneWhoLostTheirNickInASplitIsRenamedAndTold() {
        start(10);
        connect();
        says(0, "/nick zed");
        nodes.core.lostNick("zed", "while the cluster's Redis was unreachable, zed was taken on node b too; it stays theirs");
        assertThat(((RecordingOutbound) sessions.get(0).out()).newLines()).containsExactly(
                T + "-- while the cluster's Redis was unreachable, zed was taken on node b too; it stays theirs; you are now guest2",
                T + "-- zed (10.0.0.1:1000) is now known as guest2");
    }
}
