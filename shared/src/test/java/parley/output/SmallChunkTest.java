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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The small size class: the first short line of an empty buffer takes a small chunk, what follows goes on in big
 * ones, and limits, the budget and the order of bytes cover both.
 */
class SmallChunkTest {

    private static final int SMALL = 16;
    private static final int CHUNK = 64;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T11:02:07Z"), ZoneOffset.UTC);

    private final AtomicInteger overflows = new AtomicInteger();
    private final ByteBuffer[] batch = new ByteBuffer[OutputMemory.GATHER];

    private static ByteBuffer line(String s) {
        return ByteBuffer.wrap(s.getBytes(UTF_8)).asReadOnlyBuffer();
    }

    private OutputBuffer buffer(OutputMemory memory, long hardLimit) {
        return memory.newBuffer(hardLimit, hardLimit, Duration.ZERO, CLOCK, overflows::incrementAndGet);
    }

    @Test
    void aShortLineToAnEmptyBufferTakesASmallChunk() throws IOException {
        OutputMemory memory = new OutputMemory(1024, SMALL, CHUNK);
        OutputBuffer b = buffer(memory, 1024);

        assertThat(b.offer(line("hello there\n"))).isTrue();

        assertThat(b.heldBytes()).isEqualTo(SMALL);
        assertThat(memory.heldBytes()).isEqualTo(SMALL);
        assertThat(memory.pool().chunksInUse(true)).isEqualTo(1);
        assertThat(memory.pool().chunksInUse(false)).isZero();
        TrickleChannel ch = new TrickleChannel(100, 100);
        assertThat(b.writeTo(ch, Long.MAX_VALUE, batch)).isEqualTo(12);
        assertThat(new String(ch.received(), UTF_8)).isEqualTo("hello there\n");
        assertThat(b.heldBytes()).isZero();
        assertThat(memory.heldBytes()).isZero();
        assertThat(memory.allocatedBytes()).as("the small chunk is kept by the pool").isEqualTo(SMALL);
    }

    @Test
    void aLineTooLongForASmallChunkGoesStraightToABigOne() {
        OutputMemory memory = new OutputMemory(1024, SMALL, CHUNK);
        OutputBuffer b = buffer(memory, 1024);

        assertThat(b.offer(line("a line of more than sixteen bytes\n"))).isTrue();

        assertThat(b.heldBytes()).isEqualTo(CHUNK);
        assertThat(memory.pool().chunksInUse(true)).isZero();
    }

    @Test
    void aBurstGoesOnInBigChunksAfterTheSmallOneAndKeepsItsOrder() throws IOException {
        OutputMemory memory = new OutputMemory(1024, SMALL, CHUNK);
        OutputBuffer b = buffer(memory, 1024);
        StringBuilder sent = new StringBuilder();
        for (int i = 0; i < 12; i++) { // 12 lines of 11 bytes: 16 in the small chunk, 116 in two big ones
            String s = "line " + (char) ('a' + i) + "....\n";
            assertThat(b.offer(line(s))).isTrue();
            sent.append(s);
        }
        assertThat(sent).hasSize(132);
        assertThat(memory.pool().chunksInUse(true)).as("only the first chunk is small").isEqualTo(1);
        assertThat(memory.pool().chunksInUse(false)).isEqualTo(2);
        assertThat(b.heldBytes()).isEqualTo(SMALL + 2 * CHUNK);

        TrickleChannel ch = new TrickleChannel(7, Integer.MAX_VALUE); // partial writes across every boundary
        long written = 0;
        while (!b.isEmpty()) {
            written += b.writeTo(ch, 7, batch);
        }
        assertThat(written).isEqualTo(132);
        assertThat(new String(ch.received(), UTF_8)).isEqualTo(sent.toString());
        assertThat(memory.heldBytes()).isZero();
    }

    @Test
    void smallThenBigIsOneGatheringWrite() throws IOException {
        OutputMemory memory = new OutputMemory(1024, SMALL, CHUNK);
        OutputBuffer b = buffer(memory, 1024);
        b.offer(line("first line\n"));
        b.offer(line("second, spilling into a big chunk\n"));
        TrickleChannel ch = new TrickleChannel(1000, 1000);

        b.writeTo(ch, Long.MAX_VALUE, batch);

        assertThat(ch.calls).isEqualTo(1);
        assertThat(new String(ch.received(), UTF_8)).isEqualTo("first line\nsecond, spilling into a big chunk\n");
    }

    @Test
    void theHardLimitCountsTheSmallChunkToo() throws IOException {
        OutputMemory memory = new OutputMemory(1024, SMALL, CHUNK);
        OutputBuffer b = buffer(memory, SMALL + CHUNK);
        assertThat(b.offer(line("0123456789\n"))).isTrue();
        assertThat(b.writeTo(new TrickleChannel(1000, 0), Long.MAX_VALUE, batch)).isZero(); // the socket is full
        assertThat(b.offer(line("x".repeat(CHUNK)))).as("5 bytes in the small chunk, 59 in a big one").isTrue();
        assertThat(b.heldBytes()).isEqualTo(SMALL + CHUNK);

        assertThat(b.offer(line("xxxxxx"))).as("a second big chunk is past the limit").isFalse();

        assertThat(b.overflowReason()).isEqualTo("slow consumer: more than " + (SMALL + CHUNK) + " bytes queued");
        assertThat(overflows).hasValue(1);
    }

    @Test
    void theBudgetCountsBothClassesAndReclaimsFromTheBiggestHolder() {
        OutputMemory memory = new OutputMemory(2 * CHUNK, SMALL, CHUNK);
        OutputBuffer big = buffer(memory, 1024);
        assertThat(big.offer(line("x".repeat(40) + "\n"))).isTrue();
        List<OutputBuffer> idle = new ArrayList<>();
        for (int i = 0; i < 4; i++) { // 64 + 4 x 16: the whole budget
            OutputBuffer b = buffer(memory, 1024);
            assertThat(b.offer(line("hi " + i + "\n"))).isTrue();
            idle.add(b);
        }
        assertThat(memory.heldBytes()).isEqualTo(memory.budgetBytes());

        OutputBuffer late = buffer(memory, 1024);
        assertThat(late.offer(line("and me\n"))).as("room is made").isTrue();

        assertThat(big.overflowed()).as("the biggest holder goes").isTrue();
        assertThat(big.overflowReason()).startsWith("slow consumer: server output memory full (128 bytes)");
        assertThat(idle).noneMatch(OutputBuffer::overflowed);
        assertThat(late.heldBytes()).isEqualTo(SMALL);
        assertThat(memory.allocatedBytes()).isLessThanOrEqualTo(memory.budgetBytes());
    }

    @Test
    void aThousandIdleConnectionsSentOneLineHoldSmallChunksNotPages() {
        OutputMemory memory = new OutputMemory(64L << 20); // the server's sizes
        ByteBuffer summary = line("-- #lobby: +120 joined, -14 left in the last 5 s (9,964 here)\n");
        assertThat(summary.remaining()).isBetween(55, 65);
        List<OutputBuffer> idle = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            OutputBuffer b = memory.newBuffer(8 << 20, 256 << 10, Duration.ofSeconds(10), CLOCK, () -> { });
            assertThat(b.offer(summary)).isTrue();
            idle.add(b);
        }

        assertThat(memory.pool().chunksInUse(true)).isEqualTo(1000);
        assertThat(memory.pool().chunksInUse(false)).isZero();
        assertThat(memory.heldBytes()).isEqualTo(1000L * OutputMemory.SMALL_CHUNK_BYTES)
                .isLessThan(1000L * OutputMemory.CHUNK_BYTES / 4);
        idle.forEach(OutputBuffer::discard);
        assertThat(memory.heldBytes()).isZero();
    }
}
