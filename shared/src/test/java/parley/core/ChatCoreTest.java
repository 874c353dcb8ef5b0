package parley.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import parley.protocol.ChatEvent;
import parley.protocol.Member;
import parley.protocol.MachineFormat;

/**
 * The chat core driven with fake connections: no sockets, no threads, a fixed clock. Every expectation is
 * on the exact lines a client would read.
 */
class ChatCoreTest {

    private static final Instant NOON = Instant.parse("2026-11-26T12:00:00Z");
    /** Every text line starts with the time of the fixed clock. */
    private static final String T = "[12:00:00] ";

    private final List<String> log = new ArrayList<>();
    private ChatCore core;
    private int nextClient;

    /** One fake client: its session, what it received, and how it talks. */
    private final class Client {
        final String address;
        final RecordingOutbound out = new RecordingOutbound();
        final Session session;

        Client() {
            nextClient++;
            address = "10.0.0." + nextClient + ":100" + nextClient;
            session = core.connect(address, out);
        }

        void says(String line) {
            core.receive(session, line);
        }

        List<String> newLines() {
            return out.newLines();
        }

        /** The new lines, parsed as machine events. */
        List<ChatEvent> newEvents() {
            return newLines().stream().map(MachineFormat::parse).toList();
        }
    }

    @BeforeEach
    void setUp() {
        core = new ChatCore(Clock.fixed(NOON, ZoneOffset.UTC), log::add);
    }

    /** For the tests of a nick freed at once; the nick delay has tests of its own (SessionLimitsTest). */
    private void withoutNickDelay() {
        core = new ChatCore(Clock.fixed(NOON, ZoneOffset.UTC), log::add,
                CoreSettings.defaults().withSessionLimits(SessionLimits.defaults().withNickDelay(Duration.ZERO)));
    }

    private static void forget(Client... clients) {
        for (Client c : clients) {
            c.newLines();
        }
    }

    // ---- connecting --------------------------------------------------------------------------------------

    @Test
    void welcomeNamesAUniqueGuestNickThenListsMembersThenAnnouncesTheJoin() {
        Client a = new Client();
        assertThat(a.newLines()).containsExactly(
                T + "-- welcome to parley, guest1; you are in #lobby. Type /help for commands.",
                T + "-- in #lobby: 1 person: guest1 (10.0.0.1:1001)",
                T + "-> guest1 (10.0.0.1:1001) joined #lobby");
        Client b = new Client();
        assertThat(b.newLines()).containsExactly(
                T + "-- welcome to parley, guest2; you are in #lobby. Type /help for commands.",
                T + "-- in #lobby: 2 people: guest1 (10.0.0.1:1001), guest2 (10.0.0.2:1002)",
                T + "-> guest2 (10.0.0.2:1002) joined #lobby");
        assertThat(a.newLines()).containsExactly(T + "-> guest2 (10.0.0.2:1002) joined #lobby");
        assertThat(core.sessionCount()).isEqualTo(2);
        assertThat(b.session.nick()).isEqualTo("guest2");
        assertThat(log).contains("connect 10.0.0.1:1001 as guest1", "connect 10.0.0.2:1002 as guest2");
    }

    @Test
    void aGuestNickTakenByARenameIsSkipped() {
        Client a = new Client();
        a.says("/nick Guest2"); // any case: names are compared ignoring it
        Client b = new Client();
        assertThat(b.session.nick()).isEqualTo("guest3");
        Client c = new Client();
        assertThat(c.session.nick()).isEqualTo("guest4");
    }

    // ---- messages ----------------------------------------------------------------------------------------

    @Test
    void aMessageReachesEveryoneInTheRoomIncludingTheSender() {
        Client a = new Client();
        Client b = new Client();
        Client c = new Client();
        forget(a, b, c);
        a.says("hello everyone");
        String expected = T + "<guest1@10.0.0.1:1001> hello everyone";
        assertThat(a.newLines()).containsExactly(expected);
        assertThat(b.newLines()).containsExactly(expected);
        assertThat(c.newLines()).containsExactly(expected);
    }

    @Test
    void everyMemberSeesTheRoomsMessagesInOneAndTheSameOrder() {
        MutableClock clock = new MutableClock(NOON, ZoneOffset.UTC);
        core = new ChatCore(clock, log::add);
        List<Client> clients = List.of(new Client(), new Client(), new Client());
        clients.forEach(Client::newLines);
        for (int i = 0; i < 30; i++) {
            clock.advance(Duration.ofSeconds(1));
            clients.get((i * 7) % 3).says("m" + i);
        }
        List<String> first = clients.get(0).newLines();
        assertThat(first).hasSize(30);
        assertThat(first.get(0)).isEqualTo("[12:00:01] <guest1@10.0.0.1:1001> m0");
        assertThat(first.get(29)).isEqualTo("[12:00:30] <guest3@10.0.0.3:1003> m29");
        for (int i = 0; i < 30; i++) {
            assertThat(first.get(i)).endsWith("> m" + i);
        }
        assertThat(clients.get(1).newLines()).isEqualTo(first);
        assertThat(clients.get(2).newLines()).isEqualTo(first);
    }

    @Test
    void aMessageStaysInItsRoom() {
        Client a = new Client();
        Client b = new Client();
        b.says("/join dev");
        forget(a, b);
        a.says("lobby only");
        assertThat(b.newLines()).isEmpty();
        b.says("dev only");
        assertThat(a.newLines()).containsExactly(T + "<guest1@10.0.0.1:1001> lobby only");
    }

    @Test
    void doubleSlashSaysALineStartingWithSlash() {
        Client a = new Client();
        Client b = new Client();
        forget(a, b);
        a.says("//join dev");
        assertThat(b.newLines()).containsExactly(T + "<guest1@10.0.0.1:1001> /join dev");
        a.says("/who");
        assertThat(a.newLines()).endsWith(T + "-- in #lobby: 2 people: guest1 (10.0.0.1:1001), guest2 (10.0.0.2:1002)");
    }

    @Test
    void escapeSequencesAndControlsAreStrippedFromMessages() {
        Client a = new Client();
        Client b = new Client();
        forget(a, b);
        a.says("\u001b[31mred\u001b[0m \u001b]0;pwned\u0007is \u202Eevil\u0000\u009b2J\ttab");
        assertThat(b.newLines()).containsExactly(T + "<guest1@10.0.0.1:1001> red is evil tab");
        a.says("\u001b[2J\u001b[H");
        a.says("   ");
        a.says("");
        assertThat(b.newLines()).as("a line that is empty once cleaned says nothing").isEmpty();
        assertThat(a.newLines()).hasSize(1);
    }

    @Test
    void chineseAndEmojiPassThrough() {
        Client a = new Client();
        forget(a);
        a.says("你好 😀 e\u0301");
        assertThat(a.newLines()).containsExactly(T + "<guest1@10.0.0.1:1001> 你好 😀 e\u0301");
    }

    @Test
    void meIsAnAction() {
        Client a = new Client();
        Client b = new Client();
        forget(a, b);
        a.says("/me waves");
        assertThat(a.newLines()).containsExactly(T + "* guest1@10.0.0.1:1001 waves");
        assertThat(b.newLines()).containsExactly(T + "* guest1@10.0.0.1:1001 waves");
        a.says("/me");
        assertThat(a.newLines()).containsExactly(T + "!! usage: /me TEXT");
        assertThat(b.newLines()).isEmpty();
    }

    // ---- nicks -------------------------------------------------------------------------------------------

    @Test
    void nickChangeIsAnnouncedToTheRoomAndUsedAfterwards() {
        Client a = new Client();
        Client b = new Client();
        forget(a, b);
        a.says("/nick alice");
        assertThat(a.newLines()).containsExactly(T + "-- guest1 (10.0.0.1:1001) is now known as alice");
        assertThat(b.newLines()).containsExactly(T + "-- guest1 (10.0.0.1:1001) is now known as alice");
        a.says("hi");
        assertThat(b.newLines()).containsExactly(T + "<alice@10.0.0.1:1001> hi");
        assertThat(a.session.nick()).isEqualTo("alice");
    }

    @Test
    void nickWithBadCharactersIsRefusedAndTheOldNickKept() {
        Client a = new Client();
        Client b = new Client();
        forget(a, b);
        for (String bad : List.of("bob!", "a@b", "dot.ted", "smile😀", "\u0301e")) {
            a.says("/nick " + bad);
            assertThat(a.newLines()).containsExactly(
                    T + "!! nick " + bad + " may contain only letters, digits, _ and -; you are still guest1");
        }
        a.says("/nick two words");
        assertThat(a.newLines()).containsExactly(
                T + "!! nick two words may contain only letters, digits, _ and -; you are still guest1");
        a.says("/nick");
        assertThat(a.newLines()).containsExactly(T + "!! usage: /nick NAME");
        assertThat(b.newLines()).as("refusals are private").isEmpty();
        a.says("still me");
        assertThat(b.newLines()).containsExactly(T + "<guest1@10.0.0.1:1001> still me");
    }

    @Test
    void nickOfTwentyFiveCodePointsIsTooLongAndTwentyFourIsAccepted() {
        Client a = new Client();
        forget(a);
        String tooLong = "a".repeat(25);
        a.says("/nick " + tooLong);
        assertThat(a.newLines()).containsExactly(
                T + "!! nick " + tooLong + " must be 1 to 24 characters long; you are still guest1");
        a.says("/nick " + "张".repeat(25));
        assertThat(a.newLines()).singleElement().asString().contains("must be 1 to 24 characters long");
        // 24 letters outside the BMP are 48 chars but 24 code points: the limit counts code points.
        String astral = "\uD835\uDC9C".repeat(24); // U+1D49C MATHEMATICAL SCRIPT CAPITAL A
        a.says("/nick " + astral);
        assertThat(a.session.nick()).isEqualTo(astral);
        a.says("/nick " + "b".repeat(24));
        assertThat(a.session.nick()).isEqualTo("b".repeat(24));
    }

    @Test
    void chineseNickIsAccepted() {
        Client a = new Client();
        Client b = new Client();
        forget(a, b);
        a.says("/nick 张伟");
        assertThat(b.newLines()).containsExactly(T + "-- guest1 (10.0.0.1:1001) is now known as 张伟");
        a.says("你好");
        assertThat(b.newLines()).containsExactly(T + "<张伟@10.0.0.1:1001> 你好");
        b.says("/msg 张伟 私信");
        assertThat(a.newLines()).endsWith(T + "*guest2@10.0.0.2:1002 -> 张伟* 私信");
    }

    @Test
    void nickThatDiffersOnlyInCaseFromAnotherIsRefused() {
        Client a = new Client();
        Client b = new Client();
        a.says("/nick Alice");
        forget(a, b);
        b.says("/nick alice");
        assertThat(b.newLines()).containsExactly(T + "!! nick alice is taken; you are still guest2");
        b.says("/nick ALICE");
        assertThat(b.newLines()).containsExactly(T + "!! nick ALICE is taken; you are still guest2");
        assertThat(a.newLines()).isEmpty();
        assertThat(b.session.nick()).isEqualTo("guest2");
        assertThat(a.session.nick()).isEqualTo("Alice");
    }

    @Test
    void changingTheCaseOfYourOwnNickIsAllowedAndTheOldNickIsFreed() {
        withoutNickDelay();
        Client a = new Client();
        Client b = new Client();
        a.says("/nick GUEST1");
        assertThat(a.session.nick()).isEqualTo("GUEST1");
        a.says("/nick alice");
        forget(a, b);
        b.says("/nick guest1");
        assertThat(b.session.nick()).isEqualTo("guest1");
        a.says("/msg guest1 for the new guest1");
        assertThat(b.newLines()).containsExactly(
                T + "-- guest2 (10.0.0.2:1002) is now known as guest1",
                T + "*alice@10.0.0.1:1001 -> guest1* for the new guest1");
    }

    @Test
    void renamingToTheSameNickAnnouncesNothing() {
        Client a = new Client();
        forget(a);
        a.says("/nick guest1");
        assertThat(a.newLines()).isEmpty();
    }

    // ---- private messages --------------------------------------------------------------------------------

    @Test
    void privateMessageReachesOnlyTheTargetAndTheSender() {
        Client a = new Client();
        Client b = new Client();
        Client c = new Client();
        forget(a, b, c);
        a.says("/msg guest2 hi there");
        String expected = T + "*guest1@10.0.0.1:1001 -> guest2* hi there";
        assertThat(a.newLines()).containsExactly(expected);
        assertThat(b.newLines()).containsExactly(expected);
        assertThat(c.newLines()).isEmpty();
    }

    @Test
    void privateMessageFindsTheTargetIgnoringCaseAndInAnyRoom() {
        Client a = new Client();
        Client b = new Client();
        b.says("/join dev");
        forget(a, b);
        a.says("/msg GUEST2 across rooms");
        assertThat(b.newLines()).containsExactly(T + "*guest1@10.0.0.1:1001 -> guest2* across rooms");
    }

    @Test
    void privateMessageToYourselfArrivesOnce() {
        Client a = new Client();
        forget(a);
        a.says("/msg guest1 note to self");
        assertThat(a.newLines()).containsExactly(T + "*guest1@10.0.0.1:1001 -> guest1* note to self");
    }

    @Test
    void privateMessageToAnUnknownNickIsAnError() {
        Client a = new Client();
        Client b = new Client();
        forget(a, b);
        a.says("/msg zed hello?");
        assertThat(a.newLines()).containsExactly(T + "!! no one here is called zed");
        a.says("/msg guest2");
        assertThat(a.newLines()).containsExactly(T + "!! usage: /msg NICK TEXT");
        a.says("/msg");
        assertThat(a.newLines()).containsExactly(T + "!! usage: /msg NICK TEXT");
        assertThat(b.newLines()).isEmpty();
    }

    @Test
    void privateMessagesAreNotKeptInHistory() {
        Client a = new Client();
        new Client();
        a.says("/msg guest2 secret");
        a.says("public");
        Client c = new Client();
        assertThat(c.newLines()).noneMatch(l -> l.contains("secret"))
                .contains(T + "(history) <guest1@10.0.0.1:1001> public");
    }

    // ---- rooms -------------------------------------------------------------------------------------------

    @Test
    void joinAnnouncesTheLeaveInTheOldRoomAndTheJoinInTheNew() {
        Client a = new Client();
        Client b = new Client();
        Client c = new Client();
        c.says("/join dev");
        forget(a, b, c);
        a.says("/join dev");
        assertThat(b.newLines()).containsExactly(T + "<- guest1 (10.0.0.1:1001) left #lobby (went to #dev)");
        assertThat(c.newLines()).containsExactly(T + "-> guest1 (10.0.0.1:1001) joined #dev");
        assertThat(a.newLines()).containsExactly(
                T + "-- you are now in #dev",
                T + "-- in #dev: 2 people: guest3 (10.0.0.3:1003), guest1 (10.0.0.1:1001)",
                T + "-> guest1 (10.0.0.1:1001) joined #dev");
    }

    @Test
    void joinCreatesTheRoomAndAcceptsAHashAndAnyCase() {
        Client a = new Client();
        Client b = new Client();
        a.says("/join #Dev");
        forget(a, b);
        b.says("/join dev");
        assertThat(b.newLines()).startsWith(
                T + "-- you are now in #Dev",
                T + "-- in #Dev: 2 people: guest1 (10.0.0.1:1001), guest2 (10.0.0.2:1002)");
        a.says("/join DEV");
        assertThat(a.newLines()).containsExactly(T + "-> guest2 (10.0.0.2:1002) joined #Dev",
                T + "-- you are already in #Dev");
    }

    @Test
    void joinRefusesBadRoomNames() {
        Client a = new Client();
        forget(a);
        a.says("/join bad.room");
        assertThat(a.newLines()).containsExactly(T + "!! room name bad.room may contain only letters, digits, _ and -");
        a.says("/join");
        assertThat(a.newLines()).containsExactly(T + "!! usage: /join ROOM");
        a.says("/who");
        assertThat(a.newLines()).containsExactly(T + "-- in #lobby: 1 person: guest1 (10.0.0.1:1001)");
    }

    @Test
    void joiningReplaysTheLastFiftyMessagesMarkedAsHistory() {
        Client a = new Client();
        for (int i = 1; i <= 60; i++) {
            a.says("m" + i);
        }
        Client b = new Client();
        List<String> lines = b.newLines();
        assertThat(lines).hasSize(2 + 50 + 1);
        assertThat(lines.get(0)).startsWith(T + "-- welcome to parley, guest2");
        assertThat(lines.get(1)).startsWith(T + "-- in #lobby: 2 people");
        List<String> history = lines.subList(2, 52);
        List<String> expected = IntStream.rangeClosed(11, 60)
                .mapToObj(i -> T + "(history) <guest1@10.0.0.1:1001> m" + i).toList();
        assertThat(history).isEqualTo(expected);
        assertThat(lines.get(52)).isEqualTo(T + "-> guest2 (10.0.0.2:1002) joined #lobby");
    }

    @Test
    void historyInMachineModeIsFlaggedAndKeepsTheOriginalTimeAndSender() {
        MutableClock clock = new MutableClock(NOON, ZoneOffset.UTC);
        core = new ChatCore(clock, log::add);
        Client a = new Client();
        for (int i = 1; i <= 60; i++) {
            clock.advance(Duration.ofSeconds(1));
            a.says(i % 2 == 0 ? "/me m" + i : "m" + i);
        }
        clock.advance(Duration.ofMinutes(5));
        Client b = new Client();
        forget(b); // the text-mode greeting from before the hello
        b.says("PARLEY/1 MACHINE");
        List<ChatEvent> events = b.newEvents();
        assertThat(events).hasSize(52);
        assertThat(events.get(0)).isInstanceOf(ChatEvent.Welcome.class);
        assertThat(events.get(1)).isInstanceOf(ChatEvent.Members.class);
        List<ChatEvent> history = events.subList(2, 52);
        Member guest1 = new Member("guest1", "10.0.0.1:1001");
        for (int k = 0; k < 50; k++) {
            int i = k + 11;
            Instant at = NOON.plusSeconds(i);
            assertThat(history.get(k)).isEqualTo(i % 2 == 0
                    ? new ChatEvent.Action("lobby", at, guest1, "m" + i, true)
                    : new ChatEvent.Message("lobby", at, guest1, "m" + i, true));
        }
    }

    @Test
    void joiningAnotherRoomReplaysThatRoomsHistoryOnly() {
        Client a = new Client();
        Client b = new Client();
        a.says("in lobby");
        b.says("/join dev");
        b.says("in dev");
        b.says("/nick bob");
        forget(a, b);
        a.says("/join dev");
        assertThat(a.newLines()).filteredOn(l -> l.contains("(history)"))
                .containsExactly(T + "(history) <guest2@10.0.0.2:1002> in dev");
    }

    @Test
    void roomsListsEveryRoomWithItsHeadcountAndForgetsEmptyOnes() {
        Client a = new Client();
        Client b = new Client();
        new Client();
        a.says("/join dev");
        b.says("/join zoo");
        forget(a);
        a.says("/rooms");
        assertThat(a.newLines()).containsExactly(T + "-- rooms: #dev (1), #lobby (1), #zoo (1)");
        b.says("/join lobby");
        a.says("/rooms");
        assertThat(a.newLines()).containsExactly(T + "-- rooms: #dev (1), #lobby (2)");
    }

    @Test
    void statsCountPeopleRoomsAndEveryLineHandedToAQueue() {
        Client a = new Client();
        Client b = new Client();
        forget(a, b);
        a.says("/stats");
        String before = a.newLines().get(0);
        assertThat(before).startsWith(T + "-- stats: 2 connected, 1 rooms, ");
        long relayed = Long.parseLong(before.replaceAll(".* (\\d+) lines relayed$", "$1"));
        a.says("hello"); // one broadcast to two people
        a.says("/stats");
        List<String> after = a.newLines(); // the message, the stats, the history store's status
        assertThat(after.get(1)).endsWith(" " + (relayed + 4) + " lines relayed");
        assertThat(after.get(2)).startsWith(T + "-- history: memory");
    }

    @Test
    void whoListsNickAtAddress() {
        Client a = new Client();
        new Client();
        new Client().says("/join elsewhere");
        forget(a);
        a.says("/who");
        assertThat(a.newLines()).containsExactly(
                T + "-- in #lobby: 2 people: guest1 (10.0.0.1:1001), guest2 (10.0.0.2:1002)");
        Client m = new Client();
        m.says("PARLEY/1 MACHINE");
        forget(m);
        m.says("/who");
        assertThat(MachineFormat.parse(m.newLines().get(0))).isEqualTo(new ChatEvent.Members("lobby", NOON, List.of(
                new Member("guest1", "10.0.0.1:1001"), new Member("guest2", "10.0.0.2:1002"),
                new Member("guest4", "10.0.0.4:1004"))));
    }

    // ---- other commands ----------------------------------------------------------------------------------

    @Test
    void unknownCommandNamesHelp() {
        Client a = new Client();
        Client b = new Client();
        forget(a, b);
        a.says("/dance wildly");
        assertThat(a.newLines()).containsExactly(T + "!! unknown command /dance; type /help for the list");
        assertThat(b.newLines()).isEmpty();
    }

    @Test
    void helpListsTheCommandsToTheAskerOnly() {
        Client a = new Client();
        Client b = new Client();
        forget(a, b);
        a.says("/HELP");
        List<String> help = a.newLines();
        assertThat(help).first().isEqualTo(T + "-- Commands:");
        assertThat(String.join("\n", help)).contains("/me", "/msg", "/nick", "/join", "/who", "/rooms", "/help",
                "/quit", "//TEXT");
        assertThat(help).allMatch(l -> l.startsWith(T + "-- "));
        assertThat(b.newLines()).isEmpty();
    }

    @Test
    void lineTooLongGivesAnErrorLineToThatPersonOnly() {
        Client a = new Client();
        Client b = new Client();
        forget(a, b);
        core.lineTooLong(a.session, 4096);
        assertThat(a.newLines()).containsExactly(T + "!! line too long (the limit is 4096 bytes); it was discarded");
        assertThat(b.newLines()).isEmpty();
    }

    // ---- machine mode ------------------------------------------------------------------------------------

    @Test
    void firstLineHelloSwitchesToMachineModeAndWelcomesAgain() {
        Client a = new Client();
        Client b = new Client();
        forget(a, b);
        b.says("PARLEY/1 MACHINE");
        List<ChatEvent> welcome = b.newEvents();
        assertThat(welcome).hasSize(2);
        Member guest1 = new Member("guest1", "10.0.0.1:1001");
        Member guest2 = new Member("guest2", "10.0.0.2:1002");
        assertThat(welcome.get(0)).isEqualTo(new ChatEvent.Welcome("lobby", NOON, guest2,
                "welcome to parley, guest2; you are in #lobby. Type /help for commands."));
        assertThat(welcome.get(1)).isEqualTo(new ChatEvent.Members("lobby", NOON, List.of(guest1, guest2)));
        assertThat(a.newLines()).as("the hello is not said to the room").isEmpty();

        a.says("hi\twith tab");
        assertThat(a.newLines()).containsExactly(T + "<guest1@10.0.0.1:1001> hi with tab");
        assertThat(b.newEvents()).containsExactly(new ChatEvent.Message("lobby", NOON, guest1, "hi with tab", false));
    }

    @Test
    void helloAfterTheFirstLineIsAnOrdinaryMessage() {
        Client a = new Client();
        forget(a);
        a.says("hi");
        a.says("PARLEY/1 MACHINE");
        assertThat(a.newLines()).containsExactly(T + "<guest1@10.0.0.1:1001> hi",
                T + "<guest1@10.0.0.1:1001> PARLEY/1 MACHINE");
        a.says("/who");
        String who = a.newLines().get(0);
        assertThat(who).startsWith(T + "-- in #lobby");
        assertThatThrownBy(() -> MachineFormat.parse(who)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void machineModeErrorsAndPrivateMessagesAreEvents() {
        Client a = new Client();
        Client m = new Client();
        m.says("PARLEY/1 MACHINE");
        forget(a, m);
        m.says("/bogus");
        assertThat(m.newEvents()).containsExactly(new ChatEvent.Error("lobby", NOON,
                "unknown command /bogus; type /help for the list"));
        a.says("/msg guest2 a\\b");
        assertThat(m.newEvents()).containsExactly(new ChatEvent.Private(NOON, new Member("guest1", "10.0.0.1:1001"),
                "guest2", "a\\b"));
    }

    // ---- leaving -----------------------------------------------------------------------------------------

    @Test
    void quitAnnouncesTheLeaveAndClosesAfterFlush() {
        Client a = new Client();
        Client b = new Client();
        forget(a, b);
        a.says("/quit see you");
        assertThat(b.newLines()).containsExactly(T + "<- guest1 (10.0.0.1:1001) left #lobby (quit: see you)");
        assertThat(a.out.closeReasons).containsExactly("quit");
        assertThat(a.out.calls).last().isEqualTo("close:quit");
        assertThat(core.sessionCount()).isEqualTo(1);
        a.says("anyone?");
        assertThat(b.newLines()).as("a closed session says nothing").isEmpty();
        assertThat(a.newLines()).isEmpty();
    }

    @Test
    void quitWithoutReason() {
        Client a = new Client();
        Client b = new Client();
        forget(a, b);
        a.says("/quit");
        assertThat(b.newLines()).containsExactly(T + "<- guest1 (10.0.0.1:1001) left #lobby (quit)");
        assertThat(a.out.closeReasons).containsExactly("quit");
    }

    @Test
    void disconnectTwiceIsHarmless() {
        withoutNickDelay();
        Client a = new Client();
        Client b = new Client();
        forget(a, b);
        core.disconnect(a.session, "connection reset");
        assertThat(b.newLines()).containsExactly(T + "<- guest1 (10.0.0.1:1001) left #lobby (connection reset)");
        assertThat(core.sessionCount()).isEqualTo(1);
        assertThatCode(() -> core.disconnect(a.session, "eof")).doesNotThrowAnyException();
        assertThat(b.newLines()).isEmpty();
        assertThat(core.sessionCount()).isEqualTo(1);
        core.lineTooLong(a.session, 10);
        assertThat(a.newLines()).isEmpty();
        assertThat(log).containsOnlyOnce("disconnect 10.0.0.1:1001 guest1 (connection reset)");
        b.says("/nick guest1");
        assertThat(b.session.nick()).as("the nick of a gone session is free").isEqualTo("guest1");
        b.says("/who");
        assertThat(b.newLines()).endsWith(T + "-- in #lobby: 1 person: guest1 (10.0.0.2:1002)");
    }

    @Test
    void shutdownIsAnnouncedToEveryone() {
        Client a = new Client();
        Client b = new Client();
        b.says("/join dev");
        forget(a, b);
        core.announceShutdown();
        assertThat(a.newLines()).containsExactly(T + "-- the server is shutting down");
        assertThat(b.newLines()).containsExactly(T + "-- the server is shutting down");
    }

    @Test
    void aConnectionClosedWithAnErrorIsToldWhyAndTheRoomHearsTheSameReason() {
        Client a = new Client();
        Client b = new Client();
        forget(a, b);
        core.disconnectWithError(a.session, "slow consumer: more than 10 bytes queued");
        core.disconnectWithError(a.session, "again");
        assertThat(a.newLines()).containsExactly(T + "!! slow consumer: more than 10 bytes queued");
        assertThat(b.newLines()).singleElement().asString()
                .endsWith("left #lobby (slow consumer: more than 10 bytes queued)");
    }

    @Test
    void aLineReadAfterTheShutdownAnnouncementIsRefusedAndReachesNobody() {
        Client a = new Client();
        Client b = new Client();
        forget(a, b);
        core.announceShutdown();
        forget(a, b);
        a.says("too late");
        a.says("/nick late");
        assertThat(a.newLines()).containsExactly(T + "!! " + ChatCore.SHUTDOWN_REFUSAL, T + "!! " + ChatCore.SHUTDOWN_REFUSAL);
        assertThat(b.newLines()).isEmpty();
        assertThat(a.session.nick()).isEqualTo("guest1");
    }

    // ---- shared bytes ------------------------------------------------------------------------------------

    @Test
    void oneBroadcastSharesOneBufferPerWireMode() {
        Client a = new Client();
        Client b = new Client();
        Client m = new Client();
        Client n = new Client();
        m.says("PARLEY/1 MACHINE");
        n.says("PARLEY/1 MACHINE");
        forget(a, b, m, n);
        a.says("shared");
        ByteBuffer toA = a.out.lastBuffer();
        ByteBuffer toB = b.out.lastBuffer();
        ByteBuffer toM = m.out.lastBuffer();
        ByteBuffer toN = n.out.lastBuffer();
        assertThat(toB).as("text recipients share one buffer").isSameAs(toA);
        assertThat(toN).as("machine recipients share one buffer").isSameAs(toM);
        assertThat(toM).isNotSameAs(toA);
        assertThat(toA.isReadOnly()).isTrue();
        assertThat(toM.isReadOnly()).isTrue();
        // Reading it (through a duplicate) left it whole for the next recipient.
        assertThat(toA.position()).isZero();
        assertThat(a.newLines()).containsExactly(T + "<guest1@10.0.0.1:1001> shared");
        assertThat(b.newLines()).containsExactly(T + "<guest1@10.0.0.1:1001> shared");
        ChatEvent toMachine = MachineFormat.parse(m.newLines().get(0));
        assertThat(toMachine).isEqualTo(new ChatEvent.Message("lobby", NOON, new Member("guest1", "10.0.0.1:1001"),
                "shared", false));
        assertThat(MachineFormat.parse(n.newLines().get(0))).isEqualTo(toMachine);
    }

    @Test
    void joinAnnouncementsAreSharedToo() {
        Client a = new Client();
        Client b = new Client();
        new Client();
        assertThat(b.out.lastBuffer()).isSameAs(a.out.lastBuffer());
    }
}
