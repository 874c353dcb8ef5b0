package parley.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import parley.server.ServerSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Output a socket cannot take at once is queued and finished later; a client that never reads is cut off. */
class WriteSideTest {

    private static final String PADDING = "x".repeat(1000);

    private TestServer server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aClientThatStopsReadingGetsEverythingInOrderOnceItReadsAgain() throws Exception {
        server = new TestServer(TestServer.settings().withLimits(l -> l.withMaxOutboundBytes(64L * 1024 * 1024)));
        TestClient reader = server.clientWithReceiveBuffer(8 * 1024);
        int lines = 8_000; // about 8 MB of echoes: more than the kernel buffers hold (tcp_wmem max is 4 MiB)

        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            batch.append(String.format("line-%05d %s%n", i, PADDING));
            if (batch.length() > 64 * 1024) {
                reader.write(batch.toString());
                batch.setLength(0);
            }
        }
        reader.write(batch.toString());

        await().atMost(Duration.ofSeconds(30)).until(() -> server.queuedBytes() > 1024 * 1024); // the rest waits

        int expected = 0;
        while (expected < lines) {
            String line = reader.readLine();
            int at = line.indexOf("> line-");
            if (at >= 0) {
                assertThat(line.substring(at + 2, at + 12)).isEqualTo(String.format("line-%05d", expected));
                assertThat(line).endsWith(PADDING);
                expected++;
            }
        }
        await().until(() -> server.queuedBytes() == 0);
    }

    @Test
    void aClientOverItsOutboundLimitIsClosedWhileOthersKeepReceiving() throws Exception {
        long limit = 64 * 1024;
        server = new TestServer(TestServer.settings().withLimits(l -> l.withMaxOutboundBytes(limit)));
        TestClient slow = server.clientWithReceiveBuffer(4 * 1024); // never reads
        TestClient talker = server.client();
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> readInto(talker, heard),
                runnable -> new Thread(runnable, "talker-reader").start());

        // The talker reads its own echoes before sending more, so only the slow client's queue grows.
        List<String> received = new ArrayList<>();
        int sent = 0;
        while (server.server().connectionCount() == 2 && sent < 50_000) {
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 20; i++, sent++) {
                batch.append(String.format("msg-%06d %s%n", sent, PADDING));
            }
            talker.write(batch.toString());
            String last = String.format("> msg-%06d ", sent - 1);
            takeUntil(heard, received, line -> line.contains(last));
        }
        await().until(() -> server.server().connectionCount() == 1);
        talker.write("still here\n");
        takeUntil(heard, received, line -> line.endsWith("> still here"));

        String reason = "slow consumer: more than " + limit + " bytes queued";
        List<String> messages = received.stream().filter(l -> l.contains("> msg-")).toList();
        assertThat(messages).hasSize(sent);
        for (int i = 0; i < sent; i++) {
            assertThat(messages.get(i)).contains(String.format("> msg-%06d ", i));
        }
        assertThat(received).anyMatch(l -> l.contains(slow.nick() + " (") && l.endsWith("left #lobby (" + reason + ")"));
        assertThat(server.log()).anyMatch(l -> l.startsWith("closing " + slow.nick() + "@") && l.endsWith(reason));
        assertThat(slow.drainToEnd()).isTrue();
        talker.close();
        reading.get(10, TimeUnit.SECONDS);
    }

    @Test
    void readersWhoKeepUpAreNeverClosedForTheLoopsOwnBacklog() throws Exception {
        // A loop that reads 16 KiB a turn from the sender but writes at most 4 KiB a turn to each reader: left
        // alone, what waits for readers who take everything they are given grows by 12 KiB a turn, far past
        // their 64 KiB limit. It is the server's backlog, not theirs: they must be served, not closed.
        LoopTuning slowWriter = new LoopTuning(8 * 1024, 2, 4 * 1024, 4096, ServerSettings.CLOSE_AFTER_FLUSH);
        server = new TestServer(TestServer.settings().withLimits(l -> l.withMaxOutboundBytes(64 * 1024)
                .withSoftOutbound(64 * 1024, Duration.ofSeconds(60))), slowWriter);
        TestClient sender = server.client();
        List<TestClient> readers = List.of(server.client(), server.client(), server.client());
        int lines = 2_000;
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            burst.append(String.format("burst-%05d %s%n", i, "b".repeat(400)));
        }
        sender.write(burst.toString()); // about 800 KB at once

        List<CompletableFuture<List<String>>> received = new ArrayList<>();
        for (TestClient r : readers) {
            received.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return r.readUntil(line -> line.contains(String.format("> burst-%05d ", lines - 1)));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, runnable -> new Thread(runnable, "reader").start()));
        }
        for (CompletableFuture<List<String>> got : received) {
            List<String> bursts = got.get(60, TimeUnit.SECONDS).stream().filter(l -> l.contains("> burst-")).toList();
            assertThat(bursts).hasSize(lines);
            for (int i = 0; i < lines; i++) {
                assertThat(bursts.get(i)).contains(String.format("> burst-%05d ", i));
            }
        }
        assertThat(server.server().connectionCount()).isEqualTo(4);
        assertThat(server.log()).noneMatch(l -> l.contains("slow consumer"));
    }

    @Test
    void linesThatArriveWhileATurnWritesReachEveryMemberOnceAndInOrder() throws Exception {
        // Read again after every write of a turn: lines from three senders land in the middle of each other's
        // fan-outs, into members already written (queued anew) and members not yet written (the same write).
        LoopTuning readAlways = new LoopTuning(8 * 1024, 2, 256 * 1024, 4096, ServerSettings.CLOSE_AFTER_FLUSH, 0);
        server = new TestServer(TestServer.settings(), readAlways);
        List<TestClient> members = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            members.add(server.client());
        }
        int senders = 3;
        int lines = 200;
        List<CompletableFuture<Void>> sending = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            TestClient sender = members.get(s);
            String tag = "s" + s + "-";
            String thread = "sender-" + s;
            sending.add(CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < lines; i++) {
                        sender.write(String.format("%s%04d%n", tag, i)); // a line a segment, as chat clients send
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, runnable -> new Thread(runnable, thread).start()));
        }
        for (CompletableFuture<Void> s : sending) {
            s.get(30, TimeUnit.SECONDS);
        }

        for (TestClient member : members) {
            int[] next = new int[senders];
            while (Arrays.stream(next).anyMatch(n -> n < lines)) {
                String line = member.readLine();
                int at = line.indexOf("> s");
                if (at >= 0) {
                    int s = line.charAt(at + 3) - '0';
                    assertThat(line.substring(at + 2)).as("member %s, sender %d", member.nick(), s)
                            .isEqualTo(String.format("s%d-%04d", s, next[s]));
                    next[s]++;
                }
            }
        }
    }

    private static void takeUntil(BlockingQueue<String> from, List<String> to, Predicate<String> match)
            throws InterruptedException {
        String line;
        do {
            line = from.poll(10, TimeUnit.SECONDS);
            assertThat(line).as("the line after %d lines", to.size()).isNotNull();
            to.add(line);
        } while (!match.test(line));
    }

    private static void readInto(TestClient client, BlockingQueue<String> lines) {
        try {
            while (true) {
                lines.add(client.readLine());
            }
        } catch (IOException closed) {
            // the test closed the client: done
        }
    }
}
