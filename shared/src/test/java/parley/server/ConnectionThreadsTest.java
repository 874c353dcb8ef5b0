package parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What the threaded backend runs its connections on, asked of the JVM itself: CI runs this on Java 17 (where
 * they must be daemon platform threads) and on the JDK {@code ./parley} uses (21+: they must be virtual).
 */
class ConnectionThreadsTest {

    private static final int JAVA = Runtime.version().feature();

    @Test
    void virtualThreadsOnJava21AndLaterDaemonPlatformThreadsBefore() throws Exception {
        ConnectionThreads threads = ConnectionThreads.create("conn");
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        CountDownLatch ran = new CountDownLatch(1);
        Thread started = threads.start(() -> {
            ranOn.set(Thread.currentThread());
            ran.countDown();
        });
        assertThat(ran.await(10, TimeUnit.SECONDS)).as("the task ran").isTrue();
        assertThat(ranOn.get()).isSameAs(started).isNotSameAs(Thread.currentThread());

        if (JAVA >= 21) {
            // Thread.isVirtual() exists from 21 on; the build targets 17, so ask for it by name.
            Method isVirtual = Thread.class.getMethod("isVirtual");
            assertThat((boolean) isVirtual.invoke(started)).as("a virtual thread on Java %d", JAVA).isTrue();
            assertThat((boolean) isVirtual.invoke(Thread.currentThread())).as("the test's own thread").isFalse();
            assertThat(threads.isVirtual()).isTrue();
        } else {
            assertThatThrownBy(() -> Thread.class.getMethod("isVirtual")).isInstanceOf(NoSuchMethodException.class);
            assertThat(started.isDaemon()).as("platform threads must not keep the JVM alive").isTrue();
            assertThat(threads.isVirtual()).isFalse();
        }
    }

    @Test
    void threadsAreNamedAfterThePrefixAndNumberedFromOne() throws InterruptedException {
        ConnectionThreads threads = ConnectionThreads.create("reader");
        CountDownLatch ran = new CountDownLatch(2);
        Thread t1 = threads.start(ran::countDown);
        Thread t2 = threads.start(ran::countDown);
        assertThat(ran.await(10, TimeUnit.SECONDS)).as("both tasks ran").isTrue();
        assertThat(t1.getName()).isEqualTo("reader-1");
        assertThat(t2.getName()).isEqualTo("reader-2");
        t1.join(10_000);
        t2.join(10_000);
        assertThat(t1.isAlive()).isFalse();
    }
}
