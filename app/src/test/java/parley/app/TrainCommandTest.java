package parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The training run behind the launcher's start-up cache: a crowd on every backend, over real loopback sockets. */
class TrainCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Parley.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void aCrowdAboveThePresenceLimitArrivesTalksAndLeavesOnEveryBackend() {
        // 200 is above the default presence limit (150): the big room's arrivals are in the run.
        assertThat(run("train", "--clients", "200")).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("trained selector, threaded with 200 clients each" + System.lineSeparator());
    }

    @Test
    void aServerThatCannotWelcomeTheCrowdFailsTheRun() {
        // One client allowed in all: the second is told the server is full and closed before any welcome.
        assertThat(run("train", "--clients", "2", "--max-clients", "1")).isEqualTo(1);
        assertThat(err.toString()).contains("training connection");
    }

    @Test
    void aBadCrowdSizeIsAUsageError() {
        assertThat(run("train", "--clients", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--clients must be between 1 and 5000");
    }
}
