package parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class StderrLogTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T14:02:07Z"), ZoneOffset.UTC);

    /** stderr as a pipe nobody reads: every write blocks until the test opens the tap. */
    private static final class StalledStream extends OutputStream {
        final CountDownLatch tap = new CountDownLatch(1);
        final ByteArrayOutputStream written = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            try {
                tap.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            written.write(b, off, len);
        }

        synchronized String text() {
            return written.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void linesAreTimestampedAndWrittenInOrder() throws Exception {
        StalledStream err = new StalledStream();
        err.tap.countDown();
        try (StderrLog log = new StderrLog(CLOCK, new PrintWriter(err, false, StandardCharsets.UTF_8))) {
            log.info("connect 127.0.0.1:5000 as guest1");
            log.info("disconnect 127.0.0.1:5000 guest1 (quit)");
        }
        assertThat(err.text()).isEqualTo("2026-11-26 14:02:07.000 connect 127.0.0.1:5000 as guest1\n"
                + "2026-11-26 14:02:07.000 disconnect 127.0.0.1:5000 guest1 (quit)\n");
    }

    @Test
    void aStalledStderrNeverBlocksTheCallerAndWhatWasDroppedIsCounted() throws Exception {
        StalledStream err = new StalledStream();
        StderrLog log = new StderrLog(CLOCK, new PrintWriter(err, false, StandardCharsets.UTF_8));
        // Far more than the backlog while nothing can be written: every call must return (the test would
        // hang until its timeout if one blocked).
        for (int i = 0; i < 50_000; i++) {
            log.info("line " + i);
        }
        err.tap.countDown();
        log.close(); // writes what was queued
        String text = err.text();
        long written = text.lines().filter(l -> l.matches("2026-11-26 14:02:07.000 line \\d+")).count();
        long dropped = text.lines().filter(l -> l.endsWith(" log lines dropped: stderr was not keeping up)"))
                .mapToLong(l -> Long.parseLong(l.substring(1, l.indexOf(' ')))).sum();
        assertThat(dropped).as("dropped while stderr was stalled").isPositive();
        assertThat(written + dropped).as("every line written or counted").isEqualTo(50_000);
        assertThat(text).startsWith("2026-11-26 14:02:07.000 line 0\n");
    }

    @Test
    void closingNeverWaitsLongOnAStalledStderr() throws Exception {
        StalledStream err = new StalledStream(); // never tapped: the writer is stuck in its first write
        StderrLog log = new StderrLog(CLOCK, new PrintWriter(err, true, StandardCharsets.UTF_8));
        for (int i = 0; i < 20_000; i++) {
            log.info("line " + i); // the backlog fills up
        }
        long start = System.nanoTime();
        log.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        err.tap.countDown(); // let the daemon writer go
    }
}
