package parley.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import parley.protocol.ChatEvent;
import parley.protocol.MachineFormat;
import parley.protocol.TextFormat;
import parley.protocol.WireMode;

/**
 * The presence rules of a big room, with a presence limit of 3 so that four people make a big room: comings and
 * goings summed up by {@link ChatCore#tick}, a sample in the welcome, {@code /who} in pages. Every client here
 * speaks machine mode, so each line is read back as the event it is.
 */
class PresenceTest {

    private static final Instant NOON = Instant.parse("2026-11-26T12:00:00Z");
    private static final int LIMIT = 3;
    private static final Duration INTERVAL = CoreSettings.DEFAULT_PRESENCE_INTERVAL;

    private static final java.time.LocalDate DAY = java.time.LocalDate.of(2026, 11, 26);
    private static final TextFormat TEXT = new TextFormat(ZoneOffset.UTC);

    private final MutableClock clock = new MutableClock(NOON, ZoneOffset.UTC);
    private ChatCore core;
    private final List<Client> clients = new ArrayList<>();

    private final class Client {
        final RecordingOutbound out = new RecordingOutbound();
        final Session session;

        Client() {
            session = core.connect("10.0.0." + (clients.size() + 1) + ":1000", out);
            core.receive(session, WireMode.MACHINE_HELLO);
            clients.add(this);
        }

        void says(String line) {
            core.receive(session, line);
        }

        /**
         * What arrived since the last call. A connection is in text mode until its hello: those lines (the first
         * welcome, members list and its own join) are read as text, so the welcome reads as an {@code Info}.
         */
        List<ChatEvent> newEvents() {
            return out.newLines().stream().map(l -> l.indexOf('\t') >= 0 ? MachineFormat.parse(l)
                    : TEXT.parse(l, DAY).orElseThrow()).toList();
        }

        List<String> newKinds() {
            return newEvents().stream().map(e -> e.getClass().getSimpleName()).toList();
        }
    }

    @BeforeEach
    void setUp() {
        core = new ChatCore(clock, ServerLog.silent(), CoreSettings.defaults().withPresenceLimit(LIMIT));
    }

    private List<Client> connect(int n) {
        List<Client> made = IntStream.range(0, n).mapToObj(i -> new Client()).toList();
        clients.forEach(Client::newEvents);
        return made;
    }

    @Test
    void upToTheLimitEveryArrivalIsAnnouncedToEveryoneAsToday() {
        Client first = connect(1).get(0);
        Client second = new Client();
        assertThat(second.newKinds()).containsExactly("Info", "Members", "Join", "Welcome", "Members");
        Client third = new Client();
        assertThat(first.newKinds()).containsExactly("Join", "Join");
        assertThat(second.newKinds()).containsExactly("Join");
        assertThat(third.newKinds()).containsExactly("Info", "Members", "Join", "Welcome", "Members");
        core.tick();
        assertThat(first.newEvents()).isEmpty();
    }

    @Test
    void pastTheLimitAnArrivalIsAnnouncedOnlyToItselfAndSummedUpOnTheNextTick() {
        List<Client> room = connect(LIMIT);
        Client fourth = new Client();
        assertThat(fourth.newKinds()).as("its own arrival, before its hello: in text mode")
                .containsExactly("Info", "Members", "Join", "Welcome", "Members");
        room.forEach(c -> assertThat(c.newEvents()).isEmpty());

        core.tick();
        ChatEvent.Presence summary = new ChatEvent.Presence("lobby", NOON, 1, 0, 0, 4, List.of("guest4"));
        for (Client c : clients) {
            assertThat(c.newEvents()).containsExactly(summary);
        }
        core.tick();
        clients.forEach(c -> assertThat(c.newEvents()).as("nothing new, nothing said").isEmpty());
    }

    @Test
    void aStormCostsEachMemberOneSummaryPerInterval() {
        List<Client> room = connect(LIMIT + 1);
        core.tick(); // the fourth arrival's summary
        clients.forEach(Client::newEvents);

        clock.advance(Duration.ofSeconds(1));
        connect(10);
        core.tick();
        assertThat(room.get(0).newEvents()).as("within the interval of the last summary").isEmpty();
        clock.advance(INTERVAL.minusSeconds(1));
        core.tick();
        List<ChatEvent> heard = room.get(0).newEvents();
        assertThat(heard).containsExactly(new ChatEvent.Presence("lobby", clock.instant(), 10, 0, 0, 14,
                List.of("guest5", "guest6", "guest7", "guest8", "guest9")));
        assertThat(clients.get(13).newEvents()).as("the last arrival hears it too").isEqualTo(heard);
    }

    @Test
    void leavesCountTheOneWhoLeavesSoTheRoomSumsUpDownToTheLimitThenAnnouncesEachAgain() {
        List<Client> room = connect(LIMIT + 1);
        core.tick();
        clients.forEach(Client::newEvents);
        clock.advance(INTERVAL);

        core.disconnect(room.get(3).session, "connection closed"); // four, counting the one who goes
        assertThat(room.get(0).newEvents()).isEmpty();
        core.disconnect(room.get(2).session, "quit"); // three
        assertThat(room.get(0).newEvents()).singleElement().isInstanceOf(ChatEvent.Leave.class);
        core.tick();
        assertThat(room.get(0).newEvents()).containsExactly(
                new ChatEvent.Presence("lobby", clock.instant(), 0, 1, 0, 2, List.of()));
    }

    @Test
    void aNickChangePastTheLimitIsSentToItsOwnerAndCountedForTheRest() {
        List<Client> room = connect(LIMIT + 1);
        core.tick();
        clients.forEach(Client::newEvents);
        clock.advance(INTERVAL);

        room.get(1).says("/nick alice");
        assertThat(room.get(1).newEvents()).containsExactly(
                new ChatEvent.NickChange("lobby", clock.instant(), "guest2", "alice", "10.0.0.2:1000"));
        assertThat(room.get(0).newEvents()).isEmpty();
        core.tick();
        assertThat(room.get(0).newEvents()).containsExactly(
                new ChatEvent.Presence("lobby", clock.instant(), 0, 0, 1, 4, List.of()));
    }

    @Test
    void aWelcomeToABigRoomCountsEveryoneAndListsTheFirstFew() {
        connect(ChatCore.WELCOME_SAMPLE + 5);
        Client late = new Client();
        ChatEvent.Members members = (ChatEvent.Members) late.newEvents().get(4);
        assertThat(members.count()).isEqualTo(ChatCore.WELCOME_SAMPLE + 6);
        assertThat(members.members()).hasSize(ChatCore.WELCOME_SAMPLE);
        assertThat(members.members().get(0).nick()).isEqualTo("guest1");
    }

    @Test
    void whoInABigRoomAnswersAPageOfLimitPeopleAndSaysWhereTheNextIs() {
        Client me = connect(2 * LIMIT + 1).get(0);
        me.says("/who");
        List<ChatEvent> first = me.newEvents();
        assertThat(first).hasSize(2);
        ChatEvent.Members page = (ChatEvent.Members) first.get(0);
        assertThat(page.members()).extracting(m -> m.nick()).containsExactly("guest1", "guest2", "guest3");
        assertThat(page.count()).isEqualTo(7);
        assertThat(((ChatEvent.Info) first.get(1)).text())
                .isEqualTo("page 1 of 3; /who 2 for the next; /who PREFIX finds nicks");

        me.says("/who 3");
        List<ChatEvent> last = me.newEvents();
        assertThat(((ChatEvent.Members) last.get(0)).members()).extracting(m -> m.nick()).containsExactly("guest7");
        assertThat(((ChatEvent.Info) last.get(1)).text()).isEqualTo("page 3 of 3; /who PREFIX finds nicks");

        me.says("/who 4");
        assertThat(me.newEvents()).singleElement().isInstanceOfSatisfying(ChatEvent.Error.class,
                e -> assertThat(e.text()).isEqualTo("#lobby has 3 pages of people; try /who 3"));
    }

    @Test
    void whoInARoomAtTheLimitIsTheWholeListAndNothingMore() {
        Client me = connect(LIMIT).get(0);
        me.says("/who");
        assertThat(me.newEvents()).singleElement().isInstanceOfSatisfying(ChatEvent.Members.class,
                m -> assertThat(m.complete()).isTrue());
    }

    @Test
    void whoWithAPrefixFindsNicksStartingSoIgnoringCaseAtMostAPage() {
        List<Client> room = connect(2 * LIMIT);
        room.get(4).says("/nick Alice");
        room.get(5).says("/nick bob");
        Client me = room.get(0);
        me.newEvents();
        me.says("/who ALI");
        List<ChatEvent> found = me.newEvents();
        assertThat(((ChatEvent.Members) found.get(0)).members()).extracting(m -> m.nick()).containsExactly("Alice");
        assertThat(((ChatEvent.Info) found.get(1)).text()).isEqualTo("1 nick starts with ALI");

        me.says("/who guest");
        found = me.newEvents();
        assertThat(((ChatEvent.Members) found.get(0)).members()).hasSize(LIMIT);
        assertThat(((ChatEvent.Info) found.get(1)).text())
                .isEqualTo("4 nicks start with guest; the first 3 are shown");

        me.says("/who zed");
        assertThat(me.newEvents()).singleElement().isInstanceOfSatisfying(ChatEvent.Info.class,
                i -> assertThat(i.text()).isEqualTo("nobody in #lobby has a nick starting with zed"));
    }
}
