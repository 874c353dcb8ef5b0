package parley.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import parley.core.ChatCore;
import parley.core.CoreSettings;
import parley.protocol.ChatEvent;
import parley.protocol.MachineFormat;
import parley.protocol.Member;
import parley.protocol.TextFormat;
import parley.protocol.WireMode;
import parley.server.ServerSettings;

/**
 * The contract every backend must pass, over real loopback sockets on an ephemeral port. A backend runs it
 * with a one-line subclass that names the backend (Netty's testsuite does the same per transport).
 *
 * <p>The core runs on a fixed clock, so every timestamp is {@code 14:02:07}.
 */
public abstract class BackendContract extends ContractSupport {

    /** How many messages a room remembers for newcomers. */
    static final int HISTORY = 50;
    /**
     * Output queued in the server for a reader that has stopped: some 80 lines, so not a writer that is
     * merely behind but one whose socket is full (on loopback the kernel takes about 2 MiB first).
     */
    private static final long HELD_BACK = 256 * 1024;
    private static final Duration STILL = Duration.ofMillis(200);
    private static final TextFormat TEXT = new TextFormat(CLOCK.getZone());
    private static final java.time.LocalDate DAY = java.time.LocalDate.ofInstant(CLOCK.instant(), CLOCK.getZone());

    @Test
    void welcomeNamesAUniqueGuestNick() throws IOException {
        InetSocketAddress address = start();
        ChatClient a = join(address);
        ChatClient b = join(address);
        assertThat(a.seen().get(0)).contains("you are in #lobby").contains("guest1");
        assertThat(b.seen().get(0)).contains("guest2");
    }

    @Test
    void messageShowsTimeNickAndAddressToEveryoneIncludingTheSender() throws IOException {
        InetSocketAddress address = start();
        ChatClient a = join(address);
        ChatClient b = join(address);
        a.send("hello there");
        String expected = "[14:02:07] <guest1@" + a.address() + "> hello there";
        assertThat(a.awaitContaining("hello there")).isEqualTo(expected);
        assertThat(b.awaitContaining("hello there")).isEqualTo(expected);
    }

    @Test
    void twoClientsTalkingAtOnceSeeOneAndTheSameOrder() throws IOException {
        InetSocketAddress address = start();
        ChatClient a = join(address);
        ChatClient b = join(address);
        for (int i = 0; i < 50; i++) {
            a.send("a" + i);
            b.send("b" + i);
        }
        assertThat(messagesUntil(a, "b49", "a49")).isEqualTo(messagesUntil(b, "b49", "a49"));
    }

    /** The message texts a client receives until it has seen both markers. */
    static List<String> messagesUntil(ChatClient c, String marker1, String marker2) {
        List<String> texts = new ArrayList<>();
        boolean seen1 = false;
        boolean seen2 = false;
        while (!(seen1 && seen2)) {
            String line = c.await(ContractSupport::isMessage, "a message");
            String text = line.substring(line.indexOf("> ") + 2);
            texts.add(text);
            seen1 |= text.equals(marker1);
            seen2 |= text.equals(marker2);
        }
        return texts;
    }

    @Test
    void privateMessagesReachOnlyTheirTargetAndTheSender() throws IOException {
        InetSocketAddress address = start();
        ChatClient a = join(address);
        ChatClient b = join(address);
        ChatClient c = join(address);
        a.send("/msg guest2 the secret");
        assertThat(b.awaitContaining("the secret")).contains("*guest1@" + a.address() + " -> guest2* the secret");
        a.awaitContaining("the secret");
        a.send("after");
        c.awaitContaining("> after");
        assertThat(c.seen()).noneMatch(line -> line.contains("the secret"));
        a.send("/msg nobody hi");
        assertThat(a.awaitContaining("!!")).contains("no one here is called nobody");
    }

    @Test
    void nicksAreUniqueIgnoringCaseAndFollowTheRules() throws IOException {
        InetSocketAddress address = start();
        ChatClient a = join(address);
        ChatClient b = join(address);
        a.send("/nick Alice");
        assertThat(b.awaitContaining("is now known as")).endsWith("guest1 (" + a.address() + ") is now known as Alice");
        b.send("/nick alice");
        assertThat(b.awaitContaining("!!")).contains("is taken").contains("still guest2");
        b.send("/nick bad!name");
        assertThat(b.awaitContaining("!!")).contains("letters, digits");
        b.send("/nick " + "x".repeat(25));
        assertThat(b.awaitContaining("!!")).contains("1 to 24");
        b.send("/nick 张伟");
        assertThat(a.awaitContaining("张伟")).endsWith("is now known as 张伟");
        b.send("你好");
        assertThat(a.awaitContaining("你好")).contains("<张伟@" + b.address() + "> 你好");
    }

    @Test
    void whoListsTheRoomWithAddresses() throws IOException {
        InetSocketAddress address = start();
        ChatClient a = join(address);
        ChatClient b = join(address);
        a.send("/who");
        assertThat(a.awaitContaining("people:"))
                .contains("guest1 (" + a.address() + ")").contains("guest2 (" + b.address() + ")");
    }

    @Test
    void meIsShownAsAnAction() throws IOException {
        InetSocketAddress address = start();
        ChatClient a = join(address);
        ChatClient b = join(address);
        a.send("/me waves");
        assertThat(b.awaitContaining("waves")).isEqualTo("[14:02:07] * guest1@" + a.address() + " waves");
    }

    @Test
    void roomsKeepTheirMessagesApart() throws IOException {
        InetSocketAddress address = start();
        ChatClient a = join(address);
        ChatClient b = join(address);
        a.send("/join #rust");
        assertThat(b.awaitContaining("left #lobby")).contains("guest1").contains("went to #rust");
        a.awaitContaining("joined #rust");
        a.send("in rust");
        a.awaitContaining("in rust");
        b.send("/rooms");
        assertThat(b.awaitContaining("rooms:")).contains("#lobby (1)").contains("#rust (1)");
        assertThat(b.seen()).noneMatch(line -> line.contains("in rust"));
        b.send("/join RUST");
        assertThat(a.awaitContaining("joined #rust")).contains("guest2");
    }

    /** The room remembers its last 50 messages: at 50 a newcomer gets them all, at 51 all but the first. */
    @ParameterizedTest(name = "{0} lines spoken")
    @ValueSource(ints = {3, HISTORY, HISTORY + 1})
    void aNewcomerGetsTheLastFiftyMessagesInOrderMarkedAsHistory(int spoken) throws IOException {
        InetSocketAddress address = start();
        ChatClient a = join(address);
        for (int i = 1; i <= spoken; i++) {
            a.send("old " + i);
        }
        a.awaitContaining("> old " + spoken);
        ChatClient b = join(address);
        a.send("now");
        b.awaitContaining("> now");

        List<String> history = b.seen().stream().filter(line -> line.contains("(history)")).toList();
        assertThat(history).allSatisfy(line -> assertThat(line).startsWith("[14:02:07] (history) <guest1@"));
        assertThat(history).extracting(ContractSupport::textOf).containsExactlyElementsOf(
                IntStream.rangeClosed(Math.max(1, spoken - HISTORY + 1), spoken).mapToObj(i -> "old " + i).toList());
    }

    @Test
    void aLineSplitAcrossManyWritesArrivesWhole() throws IOException {
        InetSocketAddress address = start();
        ChatClient a = join(address);
        ChatClient b = join(address);
        for (String piece : new String[] {"hel", "lo w", "or", "ld", "\n"}) {
            a.sendRaw(piece.getBytes(StandardCharsets.UTF_8));
        }
        // 你 is three bytes: split inside the character.
        byte[] chinese = "你好\r\n".getBytes(StandardCharsets.UTF_8);
        a.sendRaw(java.util.Arrays.copyOfRange(chinese, 0, 1));
        a.sendRaw(java.util.Arrays.copyOfRange(chinese, 1, chinese.length));
        assertThat(b.awaitContaining("> hel")).endsWith("> hello world");
        assertThat(b.await(ContractSupport::isMessage, "next message")).endsWith("> 你好");
    }

    @Test
    void manyLinesInOneWriteAreAllHandledInOrder() throws IOException {
        InetSocketAddress address = start();
        ChatClient a = join(address);
        ChatClient b = join(address);
        a.sendRaw("one\ntwo\r\nthree\n".getBytes(StandardCharsets.UTF_8));
        assertThat(b.awaitContaining("> one")).endsWith("> one");
        assertThat(b.await(ContractSupport::isMessage, "second")).endsWith("> two");
        assertThat(b.await(ContractSupport::isMessage, "third")).endsWith("> three");
    }

    @Test
    void aLineOfExactlyTheLimitPassesAndOneByteMoreIsRefusedWhileTheConnectionStays() throws IOException {
        int limit = 4096;
        InetSocketAddress address = start(ServerSettings.forTests().withLimits(l -> l.withMaxLineBytes(limit)));
        ChatClient a = join(address);
        ChatClient b = join(address);
        a.send("y".repeat(limit));
        assertThat(b.awaitContaining("yyyy")).endsWith("> " + "y".repeat(limit));

        a.sendRaw(("x".repeat(limit + 1) + "\nstill here\n").getBytes(StandardCharsets.UTF_8));
        assertThat(a.awaitContaining("!!")).contains("line too long").contains(Integer.toString(limit));
        assertThat(b.awaitContaining("still here")).endsWith("> still here");
        assertThat(b.seen()).noneMatch(line -> line.contains("xxxx"));

        // Counted in bytes, not characters: 4096 bytes of three-byte characters and one byte more.
        String wide = "你".repeat(limit / 3) + "z".repeat(limit % 3);
        a.send(wide);
        assertThat(b.awaitContaining("你你")).endsWith("> " + wide);
        a.send(wide + "z");
        assertThat(a.awaitContaining("!!")).contains("line too long");
        a.send("after");
        assertThat(b.await(ContractSupport::isMessage, "the next message")).endsWith("> after");
    }

    /**
     * One reader that pauses with a tiny receive buffer makes the server's writes to it partial (the selector
     * backend's non-blocking writes return short, the threaded backend's writer blocks mid-buffer); once it
     * reads again every line arrives whole, in order, none lost, while the others were served meanwhile.
     */
    @Test
    void partialWritesToAPausedReaderDeliverEveryLineWholeAndInOrder() throws IOException {
        InetSocketAddress address = start(roomForABacklog());
        ChatClient talker = join(address);
        ChatClient paused = connect(ChatClient.connectNotReading(address, 2048));
        talker.awaitContaining("guest2 (" + paused.address() + ") joined");
        ChatClient other = join(address);

        List<String> said = sayUntilHeldBack(talker);
        for (int i = 0; i < 20; i++) { // more on top of what is already held back
            said.add(numbered(said.size()));
            talker.send(said.get(said.size() - 1));
        }
        other.await(line -> line.endsWith(said.get(said.size() - 1)), "the last line");
        assertThat(server.queuedBytes()).as("still held back for the paused reader").isPositive();

        paused.startReading();
        paused.await(line -> line.endsWith(said.get(said.size() - 1)), "the last line");
        assertThat(paused.seen().stream().filter(ContractSupport::isMessage).map(ContractSupport::textOf))
                .containsExactlyElementsOf(said);
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() throws IOException {
        InetSocketAddress address = start();
        ChatClient a = join(address);
        ChatClient b = join(address);
        a.sendRaw(new byte[] {'o', 'k', ' ', (byte) 0xFF, (byte) 0xC3, '!', '\n'});
        assertThat(b.awaitContaining("> ok")).endsWith("> ok \uFFFD\uFFFD!");
        a.send("fine");
        b.awaitContaining("> fine");
    }

    @Test
    void escapeSequencesNeverReachAnotherTerminal() throws IOException {
        InetSocketAddress address = start();
        ChatClient a = join(address);
        ChatClient b = join(address);
        a.send("\u001b[31mred\u001b[0m \u001b]0;owned\u0007title \u202Eevil\u0007");
        String line = b.awaitContaining("red");
        assertThat(line).endsWith("> red title evil");
        assertThat(line.chars()).noneMatch(ch -> ch < 0x20 || ch == 0x202E);
    }

    @Test
    void anUnknownCommandPointsToHelp() throws IOException {
        InetSocketAddress address = start();
        ChatClient a = join(address);
        a.send("/frobnicate now");
        assertThat(a.awaitContaining("!!")).contains("unknown command /frobnicate").contains("/help");
        a.send("/help");
        a.awaitContaining("/msg NICK TEXT");
    }

    @Test
    void twoHundredClientsAllReceiveEveryBroadcast() throws IOException {
        InetSocketAddress address = start();
        List<ChatClient> crowd = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            crowd.add(join(address));
        }
        for (int i = 0; i < crowd.size(); i += 20) {
            crowd.get(i).send("broadcast " + i);
        }
        // The ten senders race each other, so any order is right as long as it is the same for everyone.
        List<String> firstOrder = null;
        for (ChatClient c : crowd) {
            List<String> order = new ArrayList<>();
            while (order.size() < 10) {
                String line = c.await(l -> l.contains("> broadcast "), "a broadcast");
                order.add(line.substring(line.indexOf("> ") + 2));
            }
            if (firstOrder == null) {
                firstOrder = order;
            }
            assertThat(order).containsExactlyElementsOf(firstOrder);
        }
        assertThat(firstOrder).containsExactlyInAnyOrderElementsOf(
                IntStream.iterate(0, i -> i < 200, i -> i + 20).mapToObj(i -> "broadcast " + i)
                        .collect(Collectors.toList()));
    }

    /**
     * With a presence limit of 5, thirty arrivals cost the first member its welcome, its own join, the joins of
     * the next four, and then one summary per tick at most, not 25 join lines; the summaries add up to every
     * arrival. The core's clock is fixed, so the test sets no interval between summaries: the ticks pace them.
     */
    @Test
    void aBigRoomsArrivalsCostEachMemberABoundedNumberOfLines() throws IOException {
        InetSocketAddress address = start(ServerSettings.forTests(),
                CoreSettings.defaults().withPresenceLimit(5).withPresenceInterval(Duration.ZERO));
        long started = System.nanoTime();
        List<ChatClient> room = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            room.add(join(address));
        }
        ChatClient first = room.get(0);
        List<ChatEvent.Presence> summaries = new ArrayList<>();
        first.await(line -> {
            TEXT.parse(line, DAY).filter(ChatEvent.Presence.class::isInstance)
                    .ifPresent(e -> summaries.add((ChatEvent.Presence) e));
            return summaries.stream().mapToInt(ChatEvent.Presence::joined).sum() == 25;
        }, "summaries adding up to the 25 arrivals past the limit");
        long ticks = Duration.ofNanos(System.nanoTime() - started).dividedBy(ChatCore.TICK) + 1;

        assertThat(first.seen().stream().filter(l -> l.contains(") joined #lobby")).toList())
                .as("guest1's own join and those of guests 2 to 5").hasSize(5);
        assertThat(summaries).hasSizeLessThanOrEqualTo((int) ticks);
        assertThat(first.seen()).as("welcome, members, 5 joins, the summaries").hasSize(7 + summaries.size());
        assertThat(summaries.get(summaries.size() - 1).count()).isEqualTo(30);
        assertThat(room.get(29).awaitContaining("-- in #lobby: 30 people, 20 shown: guest1 ("))
                .as("the last arrival's welcome lists a sample").isNotNull();
    }

    @Test
    void anAbruptDisconnectIsAnnouncedAsALeave() throws IOException {
        InetSocketAddress address = start();
        ChatClient a = join(address);
        ChatClient b = join(address);
        String bAddress = b.address();
        b.reset();
        assertThat(a.awaitContaining("left #lobby")).contains("guest2 (" + bAddress + ")");
    }

    /**
     * Like {@code printf '/who\n' | nc host port}: a client writes a command and shuts down its output. The
     * server must still write it everything queued, the answer last, before it closes. The client's output
     * is backed up first (it reads nothing until the room has heard it leave), so when the server sees the
     * end of its input the answer is certainly still queued: closing at once would lose it every time.
     */
    @Test
    void aClientThatStopsSendingStillGetsEverythingQueuedThenIsClosed() throws IOException {
        InetSocketAddress address = start(roomForABacklog());
        ChatClient a = join(address);
        ChatClient piped = connect(ChatClient.connectNotReading(address, 2048));
        String pipedAddress = piped.address();
        a.awaitContaining("guest2 (" + pipedAddress + ") joined");
        List<String> backlog = sayUntilHeldBack(a);

        piped.sendRaw("/who\nhi from a pipe\n".getBytes(StandardCharsets.UTF_8));
        piped.finishSending();
        assertThat(a.awaitContaining("> hi from a pipe")).contains("guest2@");
        assertThat(a.awaitContaining("left #lobby")).contains("guest2").endsWith("(connection closed)");
        assertThat(server.queuedBytes()).as("kept for the piped client after the end of its input").isPositive();

        piped.startReading();
        piped.await(line -> line.endsWith(backlog.get(backlog.size() - 1)), "the whole backlog");
        assertThat(piped.awaitContaining("people:")).contains("guest2 (" + pipedAddress + ")");
        assertThat(piped.awaitContaining("> hi from a pipe")).contains("guest2@");
        piped.awaitClosedByServer();
    }

    /** Numbered lines of 3 KB: about 700 fill the kernel's buffers for a reader that stopped. */
    private static String numbered(int n) {
        return "line " + n + " " + "0123456789".repeat(300) + " end " + n;
    }

    /** {@code talker} says numbered lines (each heard back) until the server holds output back; returns them. */
    private List<String> sayUntilHeldBack(ChatClient talker) throws IOException {
        List<String> said = new ArrayList<>();
        while (!heldBack()) {
            assertThat(said.size()).as("lines before the server had to hold output back").isLessThan(5_000);
            String line = numbered(said.size());
            talker.send(line);
            talker.await(heard -> heard.endsWith(line), "line " + said.size() + " back");
            said.add(line);
        }
        return said;
    }

    /**
     * Limits that let a backlog build: the kernel's send buffer for one socket may grow to megabytes before
     * the server has to hold anything back, and nobody is to be closed as a slow consumer here.
     */
    private static ServerSettings roomForABacklog() {
        return ServerSettings.forTests().withLimits(l -> l.withMaxOutboundBytes(64 << 20)
                .withSoftOutbound(64 << 20, Duration.ofMinutes(1)));
    }

    /**
     * True when the server holds at least {@link #HELD_BACK} and writes none of it for 200 ms: its writes are
     * stuck behind a full socket, not merely behind.
     */
    private boolean heldBack() {
        long held = server.queuedBytes();
        if (held < HELD_BACK) {
            return false;
        }
        try {
            await().during(STILL).atMost(STILL.multipliedBy(3)).until(() -> server.queuedBytes() >= held);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }


    @Test
    void quitClosesTheConnectionAndIsAnnounced() throws IOException {
        InetSocketAddress address = start();
        ChatClient a = join(address);
        ChatClient b = join(address);
        b.send("/quit gone fishing");
        b.awaitClosedByServer();
        assertThat(a.awaitContaining("left #lobby")).endsWith("(quit: gone fishing)");
    }

    @Test
    void machineModeIsChosenByTheFirstLine() throws IOException {
        InetSocketAddress address = start();
        ChatClient a = join(address);
        ChatClient m = join(address);
        m.send(WireMode.MACHINE_HELLO);
        ChatEvent welcome = MachineFormat.parse(m.await(l -> l.startsWith("welcome\t"), "a machine welcome"));
        assertThat(welcome).isInstanceOfSatisfying(ChatEvent.Welcome.class,
                w -> assertThat(w.you()).isEqualTo(new Member("guest2", m.address())));
        a.send("tab\there");
        ChatEvent message = MachineFormat.parse(m.await(l -> l.startsWith("message\t"), "a machine message"));
        assertThat(message).isEqualTo(new ChatEvent.Message("lobby", CLOCK.instant(), new Member("guest1", a.address()),
                "tab here", false));
    }

    @Test
    void shutdownTellsEveryoneAndClosesTheirConnections() throws IOException {
        InetSocketAddress address = start();
        ChatClient a = join(address);
        server.shutdown(Duration.ofSeconds(5));
        a.awaitContaining("shutting down");
        a.awaitClosedByServer();
    }
}
