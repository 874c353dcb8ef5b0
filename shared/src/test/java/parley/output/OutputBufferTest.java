package parley.output;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import parley.core.MutableClock;

/** One connection's output: lines packed into pooled chunks, limits that count chunks, writes that keep order. */
class OutputBufferTest {

    private static final int CHUNK = 16;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T14:02:07Z"), ZoneOffset.UTC);

    private final AtomicInteger overflows = new AtomicInteger();
    private final ByteBuffer[] batch = new ByteBuffer[OutputMemory.GATHER];

    private static ByteBuffer line(String s) {
        return ByteBuffer.wrap(s.getBytes(UTF_8)).asReadOnlyBuffer();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, UTF_8);
    }

    private OutputBuffer buffer(OutputMemory memory, long hardLimit) {
        return memory.newBuffer(hardLimit, hardLimit, Duration.ZERO, CLOCK, overflows::incrementAndGet);
    }

    private long writeAll(OutputBuffer b, TrickleChannel ch) throws IOException {
        return b.writeTo(ch, Long.MAX_VALUE, batch);
    }

    @Test
    void shortLinesShareAChunkAndTheChunkIsWhatCounts() throws IOException {
        OutputMemory memory = new OutputMemory(1024, CHUNK);
        OutputBuffer b = buffer(memory, 1000);
        assertThat(b.isEmpty()).isTrue();
        ByteBuffer hello = line("hello\n");
        assertThat(b.offer(hello)).isTrue();
        assertThat(b.offer(line("张伟\n"))).isTrue(); // 7 bytes: 13 in all, one chunk
        assertThat(b.heldBytes()).isEqualTo(CHUNK);
        assertThat(memory.heldBytes()).isEqualTo(CHUNK);
        assertThat(hello.position()).as("the shared line is untouched").isZero();

        TrickleChannel ch = new TrickleChannel(100, 100);
        assertThat(writeAll(b, ch)).isEqualTo(13);
        assertThat(ch.calls).as("one write for both lines").isEqualTo(1);
        assertThat(text(ch.received())).isEqualTo("hello\n张伟\n");
        assertThat(b.isEmpty()).isTrue();
        assertThat(b.heldBytes()).as("an idle connection holds no chunk").isZero();
        assertThat(memory.heldBytes()).isZero();
        assertThat(memory.allocatedBytes()).as("the chunk is kept by the pool").isEqualTo(CHUNK);
    }

    @Test
    void aLineLongerThanAChunkSpansChunksAndIsWrittenInOneGatheringWrite() throws IOException {
        OutputMemory memory = new OutputMemory(1024, CHUNK);
        OutputBuffer b = buffer(memory, 1000);
        b.offer(line("0123456789"));
        String longLine = "a line of forty bytes, across 3 chunks\n";
        b.offer(line(longLine));
        assertThat(b.heldBytes()).isEqualTo(4 * CHUNK); // 10 + 39 = 49 bytes
        TrickleChannel ch = new TrickleChannel(1000, 1000);
        writeAll(b, ch);
        assertThat(text(ch.received())).isEqualTo("0123456789" + longLine);
        assertThat(ch.calls).isEqualTo(1);
        assertThat(memory.heldBytes()).isZero();
    }

    @Test
    void writtenChunksAreReusedNotAllocatedAgain() throws IOException {
        OutputMemory memory = new OutputMemory(1024, CHUNK);
        OutputBuffer b = buffer(memory, 1000);
        TrickleChannel ch = new TrickleChannel(1000, Integer.MAX_VALUE);
        for (int round = 0; round < 100; round++) {
            b.offer(line("round " + round + " of a hundred\n"));
            writeAll(b, ch);
        }
        assertThat(memory.allocatedBytes()).isEqualTo(2 * CHUNK);
        assertThat(memory.heldBytes()).isZero();
    }

    /** Leaves {@code b}'s socket full: a write that the kernel takes nothing of. */
    private void fillTheSocket(OutputBuffer b) throws IOException {
        assertThat(b.writeTo(new TrickleChannel(1000, 0), Long.MAX_VALUE, batch)).isZero();
    }

    @Test
    void theHardLimitCountsWholeChunksAndRefusesForGood() throws IOException {
        OutputMemory memory = new OutputMemory(1024, CHUNK);
        OutputBuffer b = buffer(memory, 2 * CHUNK);
        assertThat(b.offer(line("0123456789abcdef"))).isTrue();
        fillTheSocket(b);
        assertThat(b.offer(line("x"))).as("a second chunk, exactly at the limit").isTrue();
        assertThat(b.heldBytes()).isEqualTo(2 * CHUNK);
        assertThat(b.offer(line("yyyyyyyyyyyyyyy"))).as("fills the second chunk: no more memory").isTrue();
        assertThat(b.overflowed()).isFalse();

        assertThat(b.offer(line("z"))).as("one byte needs a third chunk").isFalse();
        assertThat(b.overflowed()).isTrue();
        assertThat(b.overflowReason()).isEqualTo("slow consumer: more than 32 bytes queued");
        assertThat(overflows).as("the backend is told once").hasValue(1);
        assertThat(b.offer(line("z"))).isFalse();
        assertThat(overflows).hasValue(1);
        assertThat(b.heldBytes()).as("a refused offer takes nothing").isEqualTo(2 * CHUNK);

        TrickleChannel ch = new TrickleChannel(100, 100);
        writeAll(b, ch);
        assertThat(text(ch.received())).as("what was accepted can still be written")
                .isEqualTo("0123456789abcdefxyyyyyyyyyyyyyyy");
        assertThat(b.offer(line("later"))).isFalse();
    }

    @Test
    void partialWritesKeepOrderAndCountDownToZero() throws IOException {
        OutputMemory memory = new OutputMemory(1 << 20, CHUNK);
        OutputBuffer b = buffer(memory, 1 << 20);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 200; i++) { // more chunks than one gathering write takes
            String l = "line " + i + " 张伟 😀\n";
            expected.append(l);
            assertThat(b.offer(line(l))).isTrue();
        }
        int total = expected.toString().getBytes(UTF_8).length;
        assertThat(b.heldBytes()).isEqualTo((total + CHUNK - 1) / CHUNK * CHUNK);

        TrickleChannel ch = new TrickleChannel(3, 50); // 3 bytes a call, 50 before the "socket" is full
        long writtenSoFar = 0;
        int rounds = 0;
        while (!b.isEmpty()) {
            long written = writeAll(b, ch);
            assertThat(written).isBetween(1L, 50L);
            writtenSoFar += written;
            assertThat(ch.received()).hasSize((int) writtenSoFar);
            // Whole chunks are held until written out: never less than what is left, and at most the unused
            // parts of the head chunk (written) and the tail chunk (not yet filled) more.
            assertThat(b.heldBytes()).isBetween(total - writtenSoFar, total - writtenSoFar + 2 * (CHUNK - 1));
            assertThat(memory.heldBytes()).isEqualTo(b.heldBytes());
            ch.drain();
            assertThat(++rounds).as("progress").isLessThan(100_000);
        }
        assertThat(text(ch.received())).isEqualTo(expected.toString());
        assertThat(writeAll(b, ch)).as("nothing left to write").isZero();
    }

    @Test
    void theBudgetBoundsOneTurnAndAFullChannelStopsTheWrite() throws IOException {
        OutputMemory memory = new OutputMemory(1 << 20, CHUNK);
        OutputBuffer b = buffer(memory, 1 << 20);
        for (int i = 0; i < 200; i++) { // 2000 bytes: 125 chunks, more than one gathering write takes
            b.offer(line("0123456789"));
        }
        TrickleChannel ch = new TrickleChannel(Integer.MAX_VALUE, Integer.MAX_VALUE);
        long written = b.writeTo(ch, 100, batch);
        assertThat(written).as("one gathering write, then the budget is spent")
                .isEqualTo(ch.received().length).isEqualTo(OutputMemory.GATHER * CHUNK);
        assertThat(ch.calls).isEqualTo(1);
        TrickleChannel full = new TrickleChannel(100, 0);
        assertThat(b.writeTo(full, Long.MAX_VALUE, batch)).isZero();
        assertThat(batch).as("the scratch array is left empty").containsOnlyNulls();
    }

    @Test
    void oneSharedLineOfferedToTwoBuffersIsWrittenToEachIndependently() throws IOException {
        ByteBuffer shared = line("the same bytes for both\n");
        OutputMemory memory = new OutputMemory(1024, CHUNK);
        OutputBuffer first = buffer(memory, 1000);
        OutputBuffer second = buffer(memory, 1000);
        assertThat(first.offer(shared)).isTrue();
        assertThat(second.offer(shared)).isTrue();
        TrickleChannel slow = new TrickleChannel(5, 5);
        writeAll(first, slow);
        TrickleChannel fast = new TrickleChannel(1000, 1000);
        writeAll(second, fast);
        assertThat(text(fast.received())).isEqualTo("the same bytes for both\n");
        while (!first.isEmpty()) {
            slow.drain();
            writeAll(first, slow);
        }
        assertThat(text(slow.received())).isEqualTo("the same bytes for both\n");
        assertThat(shared.position()).isZero();
        assertThat(memory.heldBytes()).isZero();
    }

    @Test
    void offersFromManyThreadsAreAllKeptWhole() throws Exception {
        int threads = 4;
        int perThread = 2000;
        OutputMemory memory = new OutputMemory(1 << 20, CHUNK);
        OutputBuffer b = buffer(memory, Long.MAX_VALUE);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String tag = "thread" + t + "\n";
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        b.offer(line(tag));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        TrickleChannel ch = new TrickleChannel(4096, Integer.MAX_VALUE);
        writeAll(b, ch);
        assertThat(text(ch.received()).split("\n")).hasSize(threads * perThread)
                .allMatch(l -> l.matches("thread[0-3]"));
        assertThat(memory.heldBytes()).isZero();
    }

    @Test
    void aReaderAboveTheSoftLimitForLongerThanTheGraceIsRefusedAndDrainingBelowItStartsTheTimeOver()
            throws IOException {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-26T14:02:07Z"), ZoneOffset.UTC);
        OutputMemory memory = new OutputMemory(1 << 20, CHUNK);
        OutputBuffer b = memory.newBuffer(100 * CHUNK, 2 * CHUNK, Duration.ofSeconds(10), clock,
                overflows::incrementAndGet);
        String filler = "x".repeat(CHUNK - 1) + "\n";
        b.offer(line(filler));
        fillTheSocket(b); // the limits are for a reader whose socket is full
        for (int i = 0; i < 2; i++) {
            assertThat(b.offer(line(filler))).isTrue(); // the third chunk: above the soft limit from now
        }
        clock.advance(Duration.ofSeconds(6));
        assertThat(b.offer(line(filler))).as("6 s above: within the grace").isTrue();
        writeAll(b, new TrickleChannel(1000, 1000)); // the reader caught up: below the soft limit again
        clock.advance(Duration.ofSeconds(6));
        b.offer(line(filler));
        fillTheSocket(b);
        for (int i = 0; i < 2; i++) {
            assertThat(b.offer(line(filler))).as("12 s after first going above, but only just above again").isTrue();
        }
        clock.advance(Duration.ofSeconds(10));
        assertThat(b.offer(line(filler))).as("exactly the grace").isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(b.offer(line(filler))).as("past the grace").isFalse();
        assertThat(b.overflowReason()).isEqualTo("slow consumer: more than 32 bytes queued for over 10 s");
        assertThat(overflows).hasValue(1);
    }

    @Test
    void whenTheBudgetIsUsedUpTheBiggestHolderIsOverflowedAndItsChunksReused() {
        OutputMemory memory = new OutputMemory(8 * CHUNK, CHUNK);
        List<String> closed = new ArrayList<>();
        OutputBuffer big = memory.newBuffer(1000, 1000, Duration.ZERO, CLOCK, () -> closed.add("big"));
        OutputBuffer small = memory.newBuffer(1000, 1000, Duration.ZERO, CLOCK, () -> closed.add("small"));
        OutputBuffer newcomer = memory.newBuffer(1000, 1000, Duration.ZERO, CLOCK, () -> closed.add("newcomer"));
        assertThat(big.offer(line("b".repeat(5 * CHUNK)))).isTrue();
        assertThat(small.offer(line("s".repeat(2 * CHUNK)))).isTrue();
        assertThat(memory.heldBytes()).isEqualTo(7 * CHUNK);

        assertThat(newcomer.offer(line("n".repeat(2 * CHUNK)))).as("needs 2 chunks, 1 is left").isTrue();

        assertThat(closed).containsExactly("big");
        assertThat(big.overflowReason()).isEqualTo("slow consumer: server output memory full (128 bytes) and this "
                + "connection held the most (80 bytes)");
        assertThat(big.heldBytes()).isZero();
        assertThat(small.overflowed()).isFalse();
        assertThat(small.heldBytes()).isEqualTo(2 * CHUNK);
        assertThat(memory.heldBytes()).isEqualTo(4 * CHUNK);
        assertThat(memory.allocatedBytes()).as("never past the budget").isLessThanOrEqualTo(8 * CHUNK);
    }

    @Test
    void theRequesterItselfIsRefusedWhenItHoldsTheMost() {
        OutputMemory memory = new OutputMemory(4 * CHUNK, CHUNK);
        OutputBuffer greedy = buffer(memory, 1000);
        OutputBuffer modest = buffer(memory, 1000);
        assertThat(modest.offer(line("m"))).isTrue();
        assertThat(greedy.offer(line("g".repeat(3 * CHUNK)))).isTrue();
        assertThat(greedy.offer(line("one more chunk"))).isFalse();
        assertThat(greedy.overflowReason()).contains("server output memory full");
        assertThat(modest.overflowed()).isFalse();
        assertThat(modest.offer(line("still fine"))).isTrue();
    }

    @Test
    void aReaderWhoseSocketTakesEverythingIsNeverBlamedButItsBacklogStopsTheReading() throws IOException {
        OutputMemory memory = new OutputMemory(1 << 20, CHUNK);
        OutputBuffer b = buffer(memory, 8 * CHUNK); // a backlog past 4 chunks (the least) stops the reading
        String filler = "x".repeat(CHUNK - 1) + "\n";
        for (int i = 0; i < 4; i++) {
            assertThat(b.offer(line(filler))).isTrue();
        }
        assertThat(memory.backlogged()).isFalse();
        for (int i = 0; i < 8; i++) {
            assertThat(b.offer(line(filler))).as("past the hard limit, never written: not the reader's fault").isTrue();
        }
        assertThat(b.overflowed()).isFalse();
        assertThat(memory.backlogged()).as("the server is behind: stop reading").isTrue();
        b.writeTo(new TrickleChannel(Integer.MAX_VALUE, Integer.MAX_VALUE), 3 * CHUNK, new ByteBuffer[2]); // 4 of 12
        assertThat(memory.backlogged()).as("everything it was given was taken: still the server's backlog").isTrue();
        writeAll(b, new TrickleChannel(Integer.MAX_VALUE, Integer.MAX_VALUE));
        assertThat(memory.backlogged()).isFalse();

        for (int i = 0; i < 12; i++) {
            b.offer(line(filler));
        }
        fillTheSocket(b);
        assertThat(memory.backlogged()).as("a full socket is the reader's, not a backlog").isFalse();
        assertThat(b.offer(line(filler))).as("and now the limit applies").isFalse();
        assertThat(b.overflowReason()).isEqualTo("slow consumer: more than 128 bytes queued");
    }

    @Test
    void chunksAWriteIsUsingAreNotReusedUntilItReturns() throws IOException {
        OutputMemory memory = new OutputMemory(4 * CHUNK, CHUNK);
        OutputBuffer closing = buffer(memory, 1000);
        OutputBuffer other = buffer(memory, 1000);
        String mine = "m".repeat(4 * CHUNK);
        closing.offer(line(mine));
        // A socket that, in the middle of the write, sees the connection discarded and the pool asked for all
        // its chunks by someone else: the bytes this write sends must still be this connection's.
        TrickleChannel ch = new TrickleChannel(1000, 1000) {
            @Override
            public long write(ByteBuffer[] srcs, int offset, int length) throws java.nio.channels.ClosedChannelException {
                closing.discard();
                assertThat(other.offer(line("o".repeat(CHUNK)))).as("the pool has nothing free").isFalse();
                return super.write(srcs, offset, length);
            }
        };
        writeAll(closing, ch);
        assertThat(text(ch.received())).isEqualTo(mine);
        assertThat(memory.heldBytes()).as("given back once the write returned").isZero();
        assertThat(closing.offer(line("after"))).isFalse();
    }

    @Test
    void aSlowConsumerCutMidLineGetsTheRestOfThatLineThenItsLastLineAndNothingElse() throws IOException {
        OutputMemory memory = new OutputMemory(1024, CHUNK);
        OutputBuffer b = buffer(memory, 4 * CHUNK);
        b.offer(line("first line\n"));
        b.offer(line("second line\n"));
        b.offer(line("third line\n"));
        TrickleChannel ch = new TrickleChannel(1000, 14); // "first line\nsec": the socket is mid-line
        writeAll(b, ch);
        assertThat(b.offer(line("x".repeat(4 * CHUNK)))).isFalse();
        assertThat(b.overflowed()).isTrue();

        b.cutAtLineEnd();
        assertThat(b.heldBytes()).as("only the chunks up to the end of the line").isEqualTo(2 * CHUNK);
        assertThat(b.offer(line("an ordinary line\n"))).as("refused: over the limit").isFalse();
        assertThat(b.offerLast(line("!! why\n"))).as("the last line passes the limit").isTrue();
        assertThat(b.offerLast(line("more\n"))).as("and nothing after it").isFalse();
        ch.drain();
        writeAll(b, ch);
        ch.drain();
        writeAll(b, ch);
        assertThat(text(ch.received())).isEqualTo("first line\nsecond line\n!! why\n");
        assertThat(memory.heldBytes()).isZero();
    }

    @Test
    void aSlowConsumerCutAtALineBoundaryGetsOnlyItsLastLine() throws IOException {
        OutputMemory memory = new OutputMemory(1024, CHUNK);
        OutputBuffer b = buffer(memory, 2 * CHUNK);
        b.offer(line("0123456789abcde\n")); // exactly one chunk
        b.offer(line("next\n"));
        TrickleChannel ch = new TrickleChannel(1000, CHUNK);
        writeAll(b, ch);
        b.offer(line("y".repeat(2 * CHUNK))); // over the limit
        b.cutAtLineEnd();
        assertThat(b.heldBytes()).isZero();
        assertThat(b.offerLast(line("!! why\n"))).isTrue();
        ch.drain();
        writeAll(b, ch);
        assertThat(text(ch.received())).isEqualTo("0123456789abcde\n!! why\n");
    }

    @Test
    void aCutDuringAWriteKeepsWhatThatWriteSendsAndDropsWhatCameAfter() throws IOException {
        OutputMemory memory = new OutputMemory(1024, CHUNK);
        OutputBuffer b = buffer(memory, 3 * CHUNK);
        b.offer(line("queued before the write\n"));
        // Another thread, while the (blocking) write is under way: more output, an overflow, the cut.
        TrickleChannel ch = new TrickleChannel(5, 1000) {
            private boolean once;

            @Override
            public long write(ByteBuffer[] srcs, int offset, int length) throws java.nio.channels.ClosedChannelException {
                if (!once) {
                    once = true;
                    b.offer(line("queued during the write\n"));
                    b.offer(line("z".repeat(3 * CHUNK)));
                    b.cutAtLineEnd();
                    b.offerLast(line("!! why\n"));
                }
                return super.write(srcs, offset, length);
            }
        };
        while (!b.isEmpty()) {
            writeAll(b, ch);
        }
        assertThat(text(ch.received())).isEqualTo("queued before the write\n!! why\n");
        assertThat(memory.heldBytes()).isZero();
    }
}
