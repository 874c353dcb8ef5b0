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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import com.fasterxml.jackson.jr.ob.JSON;
import parley.log.AddressPolicy;
import parley.log.LogEvent;
import parley.log.LogFormat;
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
        long dropped = count(text, "2026-11-26 14:02:07.000 WARN \\((\\d+) log lines dropped: stderr was not keeping up\\)");
        // 50,000 different lines are more kinds than the log follows at once (10,000): the rest are summed up.
        long summed = count(text, "2026-11-26 14:02:07.000 WARN (\\d+) more lines of too many kinds to tell apart .*");
        assertThat(dropped).as("dropped while stderr was stalled").isPositive();
        assertThat(written + dropped + summed).as("every line written or counted").isEqualTo(50_000);
        assertThat(text).startsWith("2026-11-26 14:02:07.000 line 0\n");
    }

    /** The sum of the numbers that lines matching {@code pattern} (one group) give. */
    private static long count(String text, String pattern) {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(pattern);
        return text.lines().map(p::matcher).filter(java.util.regex.Matcher::matches)
                .mapToLong(m -> Long.parseLong(m.group(1))).sum();
    }

    /** A quit reason with what JSON must escape, a template's braces, a line separator, and far too long. */
    private static final String REASON = "quit: \"bye\" \\ {not json} \u00e9\u2028 " + "x".repeat(300);

    @Test
    void jsonLinesAreOneObjectEachWithTimeLevelEventAndFields() throws Exception {
        StalledStream err = new StalledStream();
        err.tap.countDown();
        try (StderrLog log = new StderrLog(CLOCK, new PrintWriter(err, false, StandardCharsets.UTF_8),
                new JsonLogFormat(), AddressPolicy.full())) {
            log.event(LogEvent.info("disconnect", "{address} {nick} ({reason})").address("address", "10.0.0.1:5000")
                    .nick("nick", "ada").text("reason", REASON));
            log.info("status: 1 connections");
            log.event(LogEvent.warn("serve failed", "{address}: {error}").address("address", "::1").number("n", 7));
        }
        List<String> lines = err.text().lines().toList();
        assertThat(lines).hasSize(3);
        Map<String, Object> first = JSON.std.mapFrom(lines.get(0));
        assertThat(first).containsOnlyKeys("time", "level", "event", "message", "fields")
                .containsEntry("time", "2026-11-26T14:02:07Z").containsEntry("level", "info")
                .containsEntry("event", "disconnect");
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) first.get("fields");
        assertThat(fields).containsEntry("address", "10.0.0.1:5000").containsEntry("nick", "ada");
        assertThat((String) fields.get("reason")).startsWith("quit: \"bye\" \\ {not json} \u00e9\u2028 x")
                .endsWith("… (" + REASON.length() + " chars)");
        assertThat((String) first.get("message")).startsWith("disconnect 10.0.0.1:5000 ada (quit: \"bye\"");
        assertThat(JSON.std.mapFrom(lines.get(1))).containsEntry("event", "log")
                .containsEntry("message", "status: 1 connections");
        Map<String, Object> third = JSON.std.mapFrom(lines.get(2));
        assertThat(third).containsEntry("level", "warn").containsEntry("event", "serve failed");
        assertThat(third.get("fields")).isEqualTo(Map.of("address", "::1", "n", 7));
    }

    @Test
    void addressesAreLoggedAsChosen() throws Exception {
        for (AddressPolicy.Mode mode : AddressPolicy.Mode.values()) {
            StalledStream err = new StalledStream();
            err.tap.countDown();
            try (StderrLog log = new StderrLog(CLOCK, new PrintWriter(err, false, StandardCharsets.UTF_8),
                    LogFormat.text(ZoneOffset.UTC), AddressPolicy.of(mode))) {
                log.event(LogEvent.info("connect", "{address} as {nick}").address("address", "10.0.0.1:5000")
                        .nick("nick", "guest1"));
                log.event(LogEvent.info("connect", "{address} as {nick}").address("address", "10.0.0.1:5001")
                        .nick("nick", "guest2"));
            }
            List<String> lines = err.text().lines().toList();
            switch (mode) {
                case FULL -> assertThat(lines).containsExactly("2026-11-26 14:02:07.000 connect 10.0.0.1:5000 as guest1",
                        "2026-11-26 14:02:07.000 connect 10.0.0.1:5001 as guest2");
                case NONE -> assertThat(lines).containsExactly("2026-11-26 14:02:07.000 connect - as guest1",
                        "2026-11-26 14:02:07.000 connect - as guest2");
                case HASHED -> {
                    assertThat(lines).hasSize(2).noneMatch(l -> l.contains("10.0.0.1"));
                    String hash = lines.get(0).split(" ")[3].replace(":5000", "");
                    assertThat(hash).matches("#[0-9a-f]{12}");
                    assertThat(lines.get(1)).contains(" connect " + hash + ":5001 as guest2");
                }
                default -> throw new AssertionError(mode);
            }
        }
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
