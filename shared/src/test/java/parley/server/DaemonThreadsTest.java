package parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {

    @Test
    void daemonThreadsNumberedPerFactory() {
        ThreadFactory a = DaemonThreads.named("a");
        ThreadFactory b = DaemonThreads.named("b");
        Thread a1 = a.newThread(() -> { });
        Thread a2 = a.newThread(() -> { });
        Thread b1 = b.newThread(() -> { });
        assertThat(a1.getName()).isEqualTo("a-1");
        assertThat(a2.getName()).isEqualTo("a-2");
        assertThat(b1.getName()).isEqualTo("b-1");
        assertThat(a1.isDaemon() && a2.isDaemon() && b1.isDaemon()).as("daemon threads").isTrue();
    }
}
