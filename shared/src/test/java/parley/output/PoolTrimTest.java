package parley.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** After a burst the pool gives back what it no longer needs, but never past what the JVM can take as garbage. */
class PoolTrimTest {

    private static final int CHUNK = 64;

    @Test
    void freeChunksBeyondTheKeepAreLetGoOf() {
        ChunkPool pool = new ChunkPool(0, CHUNK, 1000L * CHUNK);
        Chunk taken = pool.take(600);
        giveAll(pool, taken);
        assertThat(pool.takePeak(false)).isEqualTo(600);

        pool.trim(250, 0, 0);

        assertThat(pool.allocatedBytes()).isEqualTo(250L * CHUNK);
        assertThat(pool.inUseBytes()).isZero();
        assertThat(pool.takePeak(false)).as("the peak restarts from those in use").isZero();
        assertThat(pool.take(1000)).as("let-go chunks are not lost to the budget").isNotNull();
    }

    @Test
    void chunksInUseAreNeverLetGoOf() {
        ChunkPool pool = new ChunkPool(0, CHUNK, 1000L * CHUNK);
        Chunk kept = pool.take(300);
        giveAll(pool, pool.take(200));

        pool.trim(0, 0, 0);

        assertThat(pool.allocatedBytes()).isEqualTo(300L * CHUNK);
        assertThat(pool.inUseBytes()).isEqualTo(300L * CHUNK);
        giveAll(pool, kept);
    }

    @Test
    void nothingIsLetGoOfWhileTheJvmHoldsMoreGarbageThanTheBudget() {
        ChunkPool pool = new ChunkPool(0, CHUNK, 1000L * CHUNK);
        giveAll(pool, pool.take(500));
        // Reserved direct memory beyond the pool's 500 chunks: 700 chunks' worth, already over the budget if 300
        // more were let go of. Trimming stops where the garbage would pass the budget: at 300 chunks.
        long reserved = 500L * CHUNK + 700L * CHUNK;

        pool.trim(0, 0, reserved);

        assertThat(pool.allocatedBytes()).isEqualTo(200L * CHUNK);
    }

    @Test
    void theServersPoolKeepsTheLastTenSecondsPeakOfBothSizesThenShrinksToItsFloors() throws IOException {
        int floor = OutputMemory.KEEP_CHUNKS;
        int smallFloor = OutputMemory.KEEP_SMALL_CHUNKS;
        OutputMemory memory = new OutputMemory(10_000L * OutputMemory.CHUNK_BYTES);
        ByteBuffer shortLine = ByteBuffer.wrap("hello\n".getBytes());
        ByteBuffer longLine = ByteBuffer.wrap(("x".repeat(OutputMemory.SMALL_CHUNK_BYTES) + "\n").getBytes());
        List<OutputBuffer> burst = new ArrayList<>();
        for (int i = 0; i < floor + 500; i++) { // a burst: one big chunk each, all at once
            burst.add(bufferGiven(memory, longLine));
        }
        for (int i = 0; i < smallFloor + 700; i++) { // and one small chunk each
            burst.add(bufferGiven(memory, shortLine));
        }
        burst.forEach(OutputBuffer::discard); // written or dropped: the chunks are free again
        long peakBytes = (floor + 500L) * OutputMemory.CHUNK_BYTES
                + (smallFloor + 700L) * OutputMemory.SMALL_CHUNK_BYTES;
        assertThat(memory.allocatedBytes()).isEqualTo(peakBytes);

        for (int second = 1; second <= OutputMemory.PEAK_WINDOW; second++) {
            memory.trim();
            assertThat(memory.allocatedBytes()).as("second %d: the burst is still in the window", second)
                    .isEqualTo(peakBytes);
        }
        memory.trim();
        assertThat(memory.pool().allocatedChunks(false)).isEqualTo(floor);
        assertThat(memory.pool().allocatedChunks(true)).isEqualTo(smallFloor);
        assertThat(memory.allocatedBytes()).isEqualTo((long) floor * OutputMemory.CHUNK_BYTES
                + (long) smallFloor * OutputMemory.SMALL_CHUNK_BYTES);
    }

    private static OutputBuffer bufferGiven(OutputMemory memory, ByteBuffer line) {
        OutputBuffer b = memory.newBuffer(1 << 20, 1 << 20, Duration.ZERO, Clock.systemUTC(), () -> { });
        assertThat(b.offer(line)).isTrue();
        return b;
    }

    @Test
    void aClassOutOfFreeChunksTakesTheRoomTheOtherClassSitsOn() {
        ChunkPool pool = new ChunkPool(CHUNK / 4, CHUNK, 4L * CHUNK);
        Chunk smalls = null;
        for (int i = 0; i < 16; i++) { // the whole budget in small chunks
            Chunk c = pool.takeSmall();
            assertThat(c).isNotNull();
            c.next = smalls;
            smalls = c;
        }
        assertThat(pool.takeSmall()).as("the budget is used up").isNull();
        assertThat(pool.take(1)).isNull();
        Chunk back = smalls;
        smalls = smalls.next.next.next.next; // four small chunks back: a big chunk's worth
        back.next.next.next.next = null;
        giveAll(pool, back);

        Chunk big = pool.take(1);

        assertThat(big).isNotNull();
        assertThat(big.capacity()).isEqualTo(CHUNK);
        assertThat(pool.allocatedChunks(true)).isEqualTo(12);
        assertThat(pool.allocatedBytes()).isEqualTo(pool.budgetBytes());
        giveAll(pool, big);
        giveAll(pool, smalls);
    }

    private static void giveAll(ChunkPool pool, Chunk run) {
        while (run != null) {
            Chunk next = run.next;
            run.next = null;
            pool.give(run);
            run = next;
        }
    }
}
