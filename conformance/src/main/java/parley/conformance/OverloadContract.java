package parley.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import parley.core.ChatCore;
import parley.core.RateLimit;
import parley.core.ServerLog;
import parley.output.OutputMemory;
import parley.server.ServerSettings;

/**
 * What a server does under pressure, the same in every backend: output memory that holds what it counts and
 * never more than its budget, the biggest holder closed first when the budget is used up, a failure that
 * costs one connection and not the server, and a shutdown after which no line reaches only part of a room.
 * A backend runs it with a one-line subclass, like {@link BackendContract}.
 */
public abstract class OverloadContract extends ContractSupport {

    private static final long MIB = 1024 * 1024;
    private final List<Socket> stalled = new ArrayList<>();

    @AfterEach
    void closeStalled() throws IOException {
        for (Socket s : stalled) {
            s.close();
        }
    }

    @Test
    void aReaderThatStopsInAQuietRoomHoldsNoMoreThanItsLimitWhileOtherRoomsAreBusy() throws IOException {
        long budget = 8 * MIB;
        long limit = MIB;
        InetSocketAddress address = start(ServerSettings.forTests().withLimits(l -> l.withMaxOutboundBytes(limit)
                .withSoftOutbound(limit, Duration.ofSeconds(60)).withMaxOutputMemory(budget)));
        long directBefore = directMemoryUsed();
        ChatClient quiet = joinRoom(address, "quiet");
        stall(address, "quiet");
        ChatClient busy = joinRoom(address, "busy");
        ChatClient busyReader = joinRoom(address, "busy");
        String big = "b".repeat(1000);
        // First fill the kernel's buffers towards the stalled reader, so what follows waits in the server.
        for (int i = 0; i < 100; i++) {
            quiet.send("fill " + i + " " + "q".repeat(3000));
        }
        quiet.awaitContaining("> fill 99 ");
        // Then short lines in the quiet room, each between bursts in the busy one: every short line is encoded
        // among busy lines, and must cost the stalled reader only its own bytes.
        for (int i = 0; i < 150; i++) {
            quiet.send("short " + i);
            for (int j = 0; j < 20; j++) {
                busy.send(i + "/" + j + " " + big);
            }
            busyReader.awaitContaining("> " + i + "/19 ");
            quiet.awaitContaining("> short " + i);
        }
        OutputMemory memory = server.outputMemory();
        assertThat(quiet.seen()).as("the stalled reader is within its limit: nobody closed it")
                .noneMatch(l -> l.contains("left #quiet"));
        assertThat(server.queuedBytes()).as("held now: the stalled reader's chunks, within its limit")
                .isLessThanOrEqualTo(limit + 8 * OutputMemory.CHUNK_BYTES);
        assertThat(memory.allocatedBytes()).as("the pool never grew past the budget").isLessThanOrEqualTo(budget);
        assertThat(directMemoryUsed() - directBefore).as("direct memory is the pool's, and little else")
                .isLessThanOrEqualTo(memory.allocatedBytes() + 2 * MIB);
    }

    @Test
    void whenTheOutputBudgetIsUsedUpTheBiggestHolderIsClosedFirstAndReadersAreNot() throws IOException {
        long budget = 512 * 1024;
        InetSocketAddress address = start(ServerSettings.forTests().withLimits(l -> l.withMaxOutboundBytes(64 * MIB)
                .withSoftOutbound(64 * MIB, Duration.ofSeconds(60)).withMaxOutputMemory(budget)));
        ChatClient talker = join(address);
        ChatClient reader = join(address);
        String first = stall(address, "lobby");
        int sent = 0;
        String payload = " " + "z".repeat(3900);
        // The first stalled reader gets a head start of 192 KiB held (past whatever its kernel buffers take).
        while (server.queuedBytes() < 192 * 1024) {
            sent = talk(talker, reader, sent, payload);
        }
        String second = stall(address, "lobby");
        while (reader.seen().stream().noneMatch(l -> l.contains("left #lobby")) && sent < 20_000) {
            sent = talk(talker, reader, sent, payload);
        }
        String leave = reader.seen().stream().filter(l -> l.contains("left #lobby")).findFirst().orElseThrow();
        assertThat(leave).contains(first + " (").contains("slow consumer: server output memory full (524288 bytes)")
                .contains("held the most");
        assertThat(reader.seen()).noneMatch(l -> l.contains(second + " (") && l.contains("left #lobby"));
        talker.send("after the budget");
        reader.awaitContaining("> after the budget");
        List<Integer> received = reader.seen().stream().filter(ContractSupport::isMessage)
                .map(ContractSupport::textOf).filter(t -> t.endsWith("z"))
                .map(t -> Integer.parseInt(t.substring(0, t.indexOf(' ')))).collect(Collectors.toList());
        assertThat(received).as("the reader got every line").isEqualTo(IntStream.range(0, sent).boxed().toList());
        assertThat(server.outputMemory().allocatedBytes()).isLessThanOrEqualTo(budget);
    }

    @Test
    void aSlowConsumerIsToldWhyOnALineOfItsOwnAndNeverGetsACutLine() throws IOException {
        InetSocketAddress address = start(ServerSettings.forTests().withLimits(l -> l.withMaxOutboundBytes(256 * 1024)
                .withSoftOutbound(256 * 1024, Duration.ofSeconds(60))));
        ChatClient talker = join(address);
        ChatClient reader = join(address);
        Socket slow = new Socket();
        stalled.add(slow);
        slow.setReceiveBufferSize(4096);
        slow.connect(address);
        InputStream in = slow.getInputStream();
        String welcome = firstLine(in);
        String nick = welcome.substring(welcome.indexOf("welcome to parley, ") + 19, welcome.indexOf(';'));
        String payload = " " + "z".repeat(3900);
        int sent = 0;
        while (reader.seen().stream().noneMatch(l -> l.contains(nick + " (") && l.contains("left #lobby"))
                && sent < 20_000) {
            sent = talk(talker, reader, sent, payload);
        }
        // Only now does the slow client read: everything it gets is whole lines, the last one saying why.
        slow.setSoTimeout((int) ChatClient.PATIENCE.toMillis());
        String received = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(received).endsWith("!! slow consumer: more than 262144 bytes queued\n");
        List<String> lines = received.lines().toList();
        assertThat(lines.subList(0, lines.size() - 1)).as("no cut line").allMatch(l -> !isMessage(l)
                || textOf(l).matches("\\d+" + payload));
    }

    /** Five lines from {@code talker}, then waits until both it and {@code reader} have them. */
    private static int talk(ChatClient talker, ChatClient reader, int sent, String payload) throws IOException {
        for (int i = 0; i < 5; i++, sent++) {
            talker.send(sent + payload);
        }
        String last = "> " + (sent - 1) + " ";
        talker.awaitContaining(last);
        reader.awaitContaining(last);
        return sent;
    }

    @Test
    void aFailureWhileHandlingOneLineClosesThatConnectionAndTheServerGoesOn() throws IOException {
        // The core's log throws while it handles one line, as running out of heap there would: the error
        // escapes the core into the backend's loop or thread, which must survive it.
        AtomicBoolean thrown = new AtomicBoolean();
        ServerLog failingOnce = message -> {
            if (message.endsWith("-> boom") && thrown.compareAndSet(false, true)) {
                throw new OutOfMemoryError("simulated: no heap left while handling this line");
            }
        };
        InetSocketAddress address = start(ServerSettings.forTests().withLoops(1), failingOnce);
        ChatClient victim = join(address);
        ChatClient a = join(address);
        ChatClient b = join(address);
        victim.send("/nick boom");
        victim.awaitClosedByServer();
        b.awaitContaining("left #lobby (internal error)");
        a.send("still serving");
        b.awaitContaining("> still serving");
        ChatClient newcomer = join(address);
        newcomer.send("and taking newcomers");
        a.awaitContaining("> and taking newcomers");
        assertThat(server.connectionCount()).isEqualTo(3);
        assertThat(server.failure().toCompletableFuture().isDone()).as("the server has not failed").isFalse();
    }

    @Test
    void afterShutdownBeginsNoLineReachesOnlyPartOfARoomAndLaterLinesAreRefused() throws Exception {
        // Flood control on, so the talker is still sending when the shutdown begins but the room's backlog
        // stays small: unthrottled, a fast JVM relays millions of lines first and the test's own readers
        // (which keep every line) cannot read to the end within their patience.
        ServerSettings settings = ServerSettings.forTests();
        InetSocketAddress address = start(settings.withLimits(
                settings.limits().withRateLimit(RateLimit.parse("2000/2000"))));
        ChatClient talker = join(address);
        List<ChatClient> readers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            readers.add(join(address));
        }
        // The talker sends numbered lines without pause until the server closes it.
        // Threads of the test's own: the common pool may have a single worker (2 cores), and a talker that
        // never returns would then keep the shutdown below from ever starting.
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CompletableFuture<Integer> sending = CompletableFuture.supplyAsync(() -> {
            int sent = 0;
            try {
                while (true) {
                    StringBuilder batch = new StringBuilder();
                    for (int i = 0; i < 100; i++, sent++) {
                        batch.append("line ").append(sent).append('\n');
                    }
                    talker.sendRaw(batch.toString().getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException closed) {
                return sent;
            }
        }, threads);
        readers.get(0).awaitContaining("> line 1000");
        CompletableFuture<Void> shutdown = CompletableFuture.runAsync(() -> server.shutdown(Duration.ofSeconds(10)), threads);

        List<String> relayed = messages(readers.get(0).readToEnd());
        assertThat(relayed).as("accepted lines are a prefix of what was sent")
                .isEqualTo(IntStream.range(0, relayed.size()).mapToObj(i -> "line " + i).toList());
        for (ChatClient r : readers.subList(1, readers.size())) {
            assertThat(messages(r.readToEnd())).as("every reader got the same lines").isEqualTo(relayed);
        }
        List<String> own = talker.readToEnd();
        assertThat(messages(own)).as("the talker's own echoes too").isEqualTo(relayed);
        int announced = indexOfContaining(own, "the server is shutting down");
        assertThat(own.subList(announced + 1, own.size())).as("after the announcement: refusals, and the others leaving")
                .allMatch(l -> l.endsWith("!! " + ChatCore.SHUTDOWN_REFUSAL) || l.contains(" left #lobby ("));
        shutdown.get(20, TimeUnit.SECONDS);
        talker.close();
        assertThat(sending.get(20, TimeUnit.SECONDS)).as("the talker was still sending").isGreaterThan(relayed.size());
        threads.shutdown();
    }

    private static List<String> messages(List<String> lines) {
        return lines.stream().filter(ContractSupport::isMessage).map(ContractSupport::textOf).toList();
    }

    private static int indexOfContaining(List<String> lines, String fragment) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(fragment)) {
                return i;
            }
        }
        throw new AssertionError("no line containing '" + fragment + "' in " + lines.size() + " lines");
    }

    private ChatClient joinRoom(InetSocketAddress address, String room) throws IOException {
        ChatClient c = join(address);
        c.send("/join " + room);
        c.awaitContaining("you are now in #" + room);
        return c;
    }

    /**
     * A client that reads its welcome, goes to {@code room} and never reads again, with a small receive buffer
     * so the kernel holds little for it. Returns its nick.
     */
    private String stall(InetSocketAddress address, String room) throws IOException {
        Socket s = new Socket();
        stalled.add(s);
        s.setReceiveBufferSize(4096);
        s.connect(address);
        String welcome = firstLine(s.getInputStream());
        String nick = welcome.substring(welcome.indexOf("welcome to parley, ") + 19, welcome.indexOf(';'));
        if (!room.equals("lobby")) {
            s.getOutputStream().write(("/join " + room + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return nick;
    }

    private static String firstLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("closed before the welcome");
            }
            line.append((char) b);
        }
        return line.toString();
    }

    private static long directMemoryUsed() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
    }
}
