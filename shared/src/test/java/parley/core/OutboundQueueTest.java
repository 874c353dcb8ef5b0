package parley.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The one slow-consumer policy: counted bytes, a hard limit, partial writes that keep order. */
class OutboundQueueTest {

    private static ByteBuffer line(String s) {
        return ByteBuffer.wrap(s.getBytes(UTF_8)).asReadOnlyBuffer();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, UTF_8);
    }

    @Test
    void offerCountsBytes() {
        OutboundQueue q = new OutboundQueue(1000);
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.queuedBytes()).isZero();
        assertThat(q.offer(line("hello\n"))).isTrue();
        assertThat(q.offer(line("张伟\n"))).isTrue(); // 7 bytes, 3 chars
        assertThat(q.queuedBytes()).isEqualTo(6 + 7);
        assertThat(q.isEmpty()).isFalse();
        assertThat(q.overflowed()).isFalse();
        assertThat(q.hardLimitBytes()).isEqualTo(1000);
    }

    @Test
    void offerCountsOnlyTheRemainingBytesOfABufferWithAnOffset() throws IOException {
        OutboundQueue q = new OutboundQueue(1000);
        byte[] backing = "XXXXhello\nYYY".getBytes(UTF_8);
        ByteBuffer middle = ByteBuffer.wrap(backing, 4, 6).asReadOnlyBuffer(); // "hello\n"
        assertThat(q.offer(middle)).isTrue();
        assertThat(q.queuedBytes()).isEqualTo(6);
        TrickleChannel ch = new TrickleChannel(100, 100);
        assertThat(q.writeTo(ch, Long.MAX_VALUE)).isEqualTo(6);
        assertThat(text(ch.received())).isEqualTo("hello\n");
        assertThat(q.queuedBytes()).as("counted down by what was counted up").isZero();
        assertThat(q.isEmpty()).isTrue();
        assertThat(middle.position()).as("the shared buffer is untouched").isEqualTo(4);
    }

    @Test
    void anOfferUpToTheHardLimitIsAcceptedAndBeyondItRefusedForGood() throws IOException {
        OutboundQueue q = new OutboundQueue(10);
        assertThat(q.offer(line("12345"))).isTrue();
        assertThat(q.offer(line("67890"))).as("exactly at the limit").isTrue();
        assertThat(q.queuedBytes()).isEqualTo(10);
        assertThat(q.overflowed()).isFalse();

        assertThat(q.offer(line("x"))).as("one byte over").isFalse();
        assertThat(q.overflowed()).isTrue();
        assertThat(q.queuedBytes()).as("a refused offer is not counted").isEqualTo(10);

        // Even with room again, nothing more is accepted: the connection is to be closed.
        TrickleChannel ch = new TrickleChannel(100, 100);
        q.writeTo(ch, Long.MAX_VALUE);
        assertThat(q.queuedBytes()).isZero();
        assertThat(q.offer(line("y"))).isFalse();
        assertThat(q.overflowed()).isTrue();
        assertThat(q.isEmpty()).isTrue();
        assertThat(text(ch.received())).as("what was accepted is still written").isEqualTo("1234567890");
    }

    @Test
    void aSingleLineLargerThanTheLimitOverflows() {
        OutboundQueue q = new OutboundQueue(4);
        assertThat(q.offer(line("12345"))).isFalse();
        assertThat(q.overflowed()).isTrue();
        assertThat(q.queuedBytes()).isZero();
        assertThat(q.isEmpty()).isTrue();
    }

    @Test
    void partialWritesKeepOrderAndCountDownToZero() throws IOException {
        OutboundQueue q = new OutboundQueue(1 << 20);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 200; i++) { // more than one gather batch
            String l = "line " + i + " 张伟 😀\n";
            expected.append(l);
            assertThat(q.offer(line(l))).isTrue();
        }
        long total = q.queuedBytes();
        assertThat(total).isEqualTo(expected.toString().getBytes(UTF_8).length);

        TrickleChannel ch = new TrickleChannel(3, 50); // 3 bytes a call, 50 before the "socket" is full
        int longestLine = "line 199 张伟 😀\n".getBytes(UTF_8).length;
        long writtenSoFar = 0;
        int rounds = 0;
        while (!q.isEmpty()) {
            long written = q.writeTo(ch, Long.MAX_VALUE);
            assertThat(written).isBetween(1L, 50L);
            writtenSoFar += written;
            assertThat(ch.received()).hasSize((int) writtenSoFar);
            // A line counts until it is completely written: never less than what is really left, and at most
            // one line's worth more.
            assertThat(q.queuedBytes()).isBetween(total - writtenSoFar, total - writtenSoFar + longestLine - 1);
            ch.drain();
            rounds++;
            assertThat(rounds).as("progress").isLessThan(100_000);
        }
        assertThat(q.queuedBytes()).isZero();
        assertThat(text(ch.received())).isEqualTo(expected.toString());
        assertThat(q.writeTo(ch, Long.MAX_VALUE)).as("nothing left to write").isZero();
    }

    @Test
    void aFullChannelStopsTheWriteWithoutLosingAnything() throws IOException {
        OutboundQueue q = new OutboundQueue(1000);
        q.offer(line("abcdef\n"));
        q.offer(line("ghij\n"));
        TrickleChannel full = new TrickleChannel(100, 0);
        assertThat(q.writeTo(full, Long.MAX_VALUE)).isZero();
        assertThat(q.queuedBytes()).isEqualTo(12);
        TrickleChannel window = new TrickleChannel(100, 9);
        assertThat(q.writeTo(window, Long.MAX_VALUE)).isEqualTo(9);
        assertThat(q.queuedBytes()).as("the first line is done, the second half written").isEqualTo(5);
        window.drain();
        assertThat(q.writeTo(window, Long.MAX_VALUE)).isEqualTo(3);
        assertThat(text(window.received())).isEqualTo("abcdef\nghij\n");
        assertThat(q.queuedBytes()).isZero();
    }

    @Test
    void theBudgetBoundsOneTurn() throws IOException {
        OutboundQueue q = new OutboundQueue(10_000);
        for (int i = 0; i < 100; i++) {
            q.offer(line("0123456789"));
        }
        TrickleChannel ch = new TrickleChannel(64, Integer.MAX_VALUE);
        long written = q.writeTo(ch, 100);
        assertThat(written).isEqualTo(ch.received().length).isGreaterThanOrEqualTo(100).isLessThan(100 + 64);
        // Lines are uncounted when completely written; the one in progress still counts whole.
        assertThat(q.queuedBytes()).isEqualTo(1000 - written / 10 * 10);
    }

    @Test
    void aSharedBufferOfferedToTwoQueuesIsConsumedIndependently() throws IOException {
        ByteBuffer shared = line("the same bytes for both\n");
        OutboundQueue first = new OutboundQueue(1000);
        OutboundQueue second = new OutboundQueue(1000);
        assertThat(first.offer(shared)).isTrue();
        assertThat(second.offer(shared)).isTrue();

        TrickleChannel slow = new TrickleChannel(5, 5);
        first.writeTo(slow, Long.MAX_VALUE); // first is part-way through
        TrickleChannel fast = new TrickleChannel(1000, 1000);
        second.writeTo(fast, Long.MAX_VALUE);
        assertThat(text(fast.received())).isEqualTo("the same bytes for both\n");
        while (!first.isEmpty()) {
            slow.drain();
            first.writeTo(slow, Long.MAX_VALUE);
        }
        assertThat(text(slow.received())).isEqualTo("the same bytes for both\n");
        assertThat(shared.position()).isZero();
        assertThat(shared.remaining()).isEqualTo(24);
        assertThat(first.queuedBytes()).isZero();
        assertThat(second.queuedBytes()).isZero();
    }

    @Test
    void offersFromManyThreadsAreAllCountedAndWritten() throws Exception {
        int threads = 4;
        int perThread = 2000;
        OutboundQueue q = new OutboundQueue(Long.MAX_VALUE);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String tag = "t" + t + "\n";
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        q.offer(line(tag));
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
        assertThat(q.queuedBytes()).isEqualTo((long) threads * perThread * 3);
        TrickleChannel ch = new TrickleChannel(4096, Integer.MAX_VALUE);
        q.writeTo(ch, Long.MAX_VALUE);
        assertThat(ch.received()).hasSize(threads * perThread * 3);
        assertThat(q.queuedBytes()).isZero();
    }
}
