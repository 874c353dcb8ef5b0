package parley.client.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OutboxTest {

    /**
     * The reader notices the connection dropped (and detaches) while the writer is still finishing a line the server
     * already has: that line must not go out again on the next connection.
     */
    @Test
    void aLineWrittenWholeIsNotSentAgainWhenTheConnectionDropsJustAfter() throws Exception {
        Outbox outbox = new Outbox();
        CountDownLatch flushed = new CountDownLatch(1);
        CountDownLatch detached = new CountDownLatch(1);
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        Thread writer = new Thread(outbox::writeUntilClosed, "outbox-writer");
        writer.start();
        try {
            outbox.attach(socket(new OutputStream() {
                @Override
                public void write(int b) {
                    first.write(b);
                }

                @Override
                public void flush() throws IOException {
                    flushed.countDown();
                    await(detached);
                }
            }), List.of("/nick alice"));
            await(flushed);
            outbox.detach();    // the reader saw EOF
            detached.countDown();

            ByteArrayOutputStream second = new ByteArrayOutputStream();
            outbox.offer("typed while offline");
            outbox.attach(socket(second), List.of("/nick alice"));
            outbox.offer("/quit");
            assertThat(outbox.awaitDrained(Duration.ofSeconds(5))).isTrue();

            assertThat(first.toString(StandardCharsets.UTF_8)).isEqualTo("/nick alice\n");
            assertThat(second.toString(StandardCharsets.UTF_8)).isEqualTo("/nick alice\ntyped while offline\n/quit\n");
        } finally {
            outbox.close();
            writer.join(5000);
        }
    }

    private static Socket socket(OutputStream out) {
        return new Socket() {
            @Override
            public OutputStream getOutputStream() {
                return out;
            }
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
