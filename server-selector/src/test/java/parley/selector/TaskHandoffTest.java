package parley.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import parley.core.ChatCore;
import parley.core.ServerLog;
import parley.server.Gatekeeper;
import parley.server.ServerSettings;

/** Work handed to a loop from other threads runs on the loop, in order, with coalesced wakeups. */
class TaskHandoffTest {

    private EventLoop loop;

    @BeforeEach
    void startLoop() throws IOException {
        ChatCore core = new ChatCore(TestServer.CLOCK, ServerLog.silent());
        ServerSettings settings = ServerSettings.forTests();
        loop = new EventLoop("test-loop", core, settings, LoopTuning.defaults(),
                new Gatekeeper(settings, core), settings.limits().newOutputMemory(), null,
                failure -> { });
        loop.start();
    }

    @AfterEach
    void stopLoop() throws InterruptedException {
        loop.stop(System.nanoTime());
        assertThat(loop.awaitStopped(System.nanoTime() + TimeUnit.SECONDS.toNanos(5))).isTrue();
    }

    @Test
    void aTaskPostedFromAnotherThreadRunsOnTheLoopThread() throws Exception {
        CompletableFuture<String> ranOn = new CompletableFuture<>();

        CompletableFuture.runAsync(() -> loop.execute(() -> ranOn.complete(Thread.currentThread().getName())));

        assertThat(ranOn.get(5, TimeUnit.SECONDS)).isEqualTo("test-loop");
    }

    @Test
    void tasksFromSeveralThreadsAllRunEachThreadsInOrder() throws Exception {
        int threads = 4;
        int perThread = 5_000;
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(threads * perThread);
        CompletableFuture<?>[] producers = new CompletableFuture<?>[threads];
        for (int t = 0; t < threads; t++) {
            int producer = t;
            producers[t] = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < perThread; i++) {
                    int value = producer * perThread + i;
                    loop.execute(() -> {
                        seen.add(value);
                        done.countDown();
                    });
                }
            }, runnable -> new Thread(runnable).start());
        }

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture.allOf(producers).get(5, TimeUnit.SECONDS);
        for (int t = 0; t < threads; t++) {
            int producer = t;
            assertThat(seen.stream().filter(v -> v / perThread == producer).toList())
                    .as("tasks of producer %d", producer).isSorted().hasSize(perThread);
        }
    }

    @Test
    void aSleepingLoopIsWokenOnceAndABusyLoopNotAtAll() throws Exception {
        CountingSelector selector = new CountingSelector(Selector.open());
        TaskHandoff tasks = new TaskHandoff(selector, 2_000, e -> {
            throw new AssertionError(e);
        });
        AtomicBoolean running = new AtomicBoolean(true);
        Thread loopThread = new Thread(() -> {
            try {
                while (running.get()) {
                    tasks.runPending();
                    tasks.sleep(TaskHandoff.UNTIL_WOKEN);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "handoff-loop");
        loopThread.start();
        try {
            await().until(selector::blocked);
            CountDownLatch busy = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            tasks.post(() -> {
                busy.countDown();
                awaitQuietly(release);
            });
            assertThat(busy.await(5, TimeUnit.SECONDS)).as("the sleeping loop was woken").isTrue();
            CountDownLatch ran = new CountDownLatch(1_000);
            for (int i = 0; i < 1_000; i++) {
                tasks.post(ran::countDown);
            }
            release.countDown();

            assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(selector.wakeups()).as("wakeups: one for the sleeping loop, none while busy").isEqualTo(1);
        } finally {
            running.set(false);
            tasks.post(() -> { });
            loopThread.join(5_000);
            selector.close();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
