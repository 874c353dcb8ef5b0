package parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class QuietlyTest {

    @Test
    void closesSwallowingOnlyIoFailuresAndTakesNull() {
        AtomicInteger closed = new AtomicInteger();
        Quietly.close(closed::incrementAndGet);
        Quietly.close(() -> {
            closed.incrementAndGet();
            throw new IOException("broken pipe");
        });
        Quietly.close(null);
        assertThat(closed).hasValue(2);
    }
}
