package parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ConnectionThreadsTest {

    private static final boolean JVM_HAS_VIRTUAL_THREADS = Runtime.version().feature() >= 21;

    @Test
    void virtualExactlyWhenTheJvmHasVirtualThreads() {
        assertThat(ConnectionThreads.create("conn").isVirtual()).isEqualTo(JVM_HAS_VIRTUAL_THREADS);
    }

    @Test
    void onJava17CreateFallsBackToPlatformThreads() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() < 21, "only before Java 21");
        assertThat(ConnectionThreads.create("conn").isVirtual()).isFalse();
    }

    @Test
    void createdThreadsRunTheTaskOnANewNamedThread() throws InterruptedException {
        ConnectionThreads threads = ConnectionThreads.create("reader");
        CountDownLatch ran = new CountDownLatch(2);
        AtomicReference<Thread> first = new AtomicReference<>();
        AtomicReference<Thread> second = new AtomicReference<>();
        Thread t1 = threads.start(() -> {
            first.set(Thread.currentThread());
            ran.countDown();
        });
        Thread t2 = threads.start(() -> {
            second.set(Thread.currentThread());
            ran.countDown();
        });
        assertThat(ran.await(10, TimeUnit.SECONDS)).as("both tasks ran").isTrue();
        assertThat(first.get()).isSameAs(t1).isNotSameAs(Thread.currentThread());
        assertThat(second.get()).isSameAs(t2);
        assertThat(t1.getName()).isEqualTo("reader-1");
        assertThat(t2.getName()).isEqualTo("reader-2");
        if (!threads.isVirtual()) {
            assertThat(t1.isDaemon()).as("platform threads must not keep the JVM alive").isTrue();
        }
        t1.join(10_000);
        t2.join(10_000);
        assertThat(t1.isAlive()).isFalse();
    }

    @Test
    void platformIsAlwaysPlatformDaemonThreads() throws InterruptedException {
        ConnectionThreads threads = ConnectionThreads.platform("plain");
        assertThat(threads.isVirtual()).isFalse();
        CountDownLatch ran = new CountDownLatch(1);
        Thread t = threads.start(ran::countDown);
        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(t.getName()).isEqualTo("plain-1");
        assertThat(t.isDaemon()).isTrue();
    }

    @Test
    void eachFactoryNumbersItsOwnThreads() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(2);
        Thread a = ConnectionThreads.platform("a").start(ran::countDown);
        Thread b = ConnectionThreads.platform("b").start(ran::countDown);
        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(a.getName()).isEqualTo("a-1");
        assertThat(b.getName()).isEqualTo("b-1");
    }
}
