package parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import parley.core.MutableClock;

class RefusalsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T07:00:00Z"), ZoneOffset.UTC);
    private final Refusals refusals = new Refusals(clock);

    @Test
    void refusalsAreCountedByReasonAndSummedUpOncePerInterval() {
        for (int i = 0; i < 5000; i++) {
            refusals.count(ConnectRate.TOO_FAST);
        }
        refusals.count(Admission.SERVER_FULL);
        refusals.count(Admission.TOO_MANY_FROM_YOU);
        assertThat(refusals.summary()).as("not before the interval").isEmpty();
        clock.advance(Refusals.SUMMARY_INTERVAL);
        assertThat(refusals.summary()).contains("refused 5002 connections in the last 10 s: 5000 too fast, 1 server "
                + "full, 1 too many from one address");
        assertThat(refusals.total()).isEqualTo(5002);
        assertThat(refusals.tooFast()).isEqualTo(5000);
        refusals.count(ConnectRate.TOO_FAST);
        clock.advance(Duration.ofSeconds(30));
        assertThat(refusals.summary()).contains("refused 1 connection in the last 30 s: 1 too fast, 0 server full, "
                + "0 too many from one address");
        clock.advance(Duration.ofSeconds(30));
        assertThat(refusals.summary()).as("nothing new, nothing said").isEmpty();
    }
}
