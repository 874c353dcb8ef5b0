package parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The launcher's contract with people: exit codes and one-sentence errors. */
class CommandLineTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Parley.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void versionAndHelpSucceed() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("parley ");
        assertThat(run("server", "--help")).isZero();
        assertThat(out.toString()).contains("--backend").contains("--port").contains("--max-line");
    }

    @Test
    void anUnknownBackendIsAUsageErrorListingTheKnownOnes() {
        assertThat(run("server", "--backend", "nope", "--port", "0")).isEqualTo(2);
        assertThat(err.toString()).startsWith("parley: unknown backend 'nope'; known backends: ")
                .contains("threaded").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aBadPortIsAUsageError() {
        assertThat(run("server", "--port", "70000")).isEqualTo(2);
        assertThat(err.toString()).contains("--port must be between 0 and 65535");
        assertThat(run("server", "--port", "seven")).isEqualTo(2);
    }

    @Test
    void aBadSizeIsAUsageError() {
        assertThat(run("server", "--max-outbound", "lots")).isEqualTo(2);
        assertThat(err.toString()).contains("'lots' is not a size such as 1MiB");
    }

    @Test
    void badLimitsAreUsageErrors() {
        assertThat(run("server", "--rate-limit", "fast")).isEqualTo(2);
        assertThat(err.toString()).contains("'fast' is not a rate such as 20, 20/40 or off");
        assertThat(run("server", "--max-per-ip", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("cannot be negative");
        assertThat(run("server", "--presence-limit", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--presence-limit must be at least 1");
        assertThat(run("server", "--max-line", "4096", "--max-outbound", "512KiB")).isEqualTo(2);
        assertThat(err.toString())
                .contains("--max-outbound must be at least 1318784 bytes with --max-line 4096 and --presence-limit 150")
                .contains("a member list of up to 150 people and the room's last 50 lines at once, twice");
        assertThat(run("server", "--presence-limit", "30000")).as("30,000 people listed to each newcomer, twice")
                .isEqualTo(2);
        assertThat(err.toString()).contains("--presence-limit 30000");
        assertThat(run("server", "--max-line", "64", "--presence-limit", "20", "--max-outbound", "20KiB")).isEqualTo(2);
        assertThat(err.toString()).contains("--max-outbound must be at least 43392 bytes with --max-line 64");
    }

    @Test
    void anOutputBudgetTheJvmCannotHoldOrSmallerThanOneClientsLimitIsAUsageError() {
        long halfOfDirect = parley.output.OutputMemory.jvmDirectMemoryLimit() / 2;
        assertThat(run("server", "--max-output-memory", String.valueOf(halfOfDirect + 1))).isEqualTo(2);
        assertThat(err.toString()).contains("--max-output-memory must be at most half of the JVM's direct memory "
                + "limit, " + halfOfDirect + " bytes here (raise it with -XX:MaxDirectMemorySize)");
        assertThat(run("server", "--max-output-memory", "4MiB", "--max-clients", "100")).isEqualTo(2);
        assertThat(err.toString()).contains("--max-output-memory (4194304 bytes) must be at least --max-outbound "
                + "(8388608 bytes)");
    }

    @Test
    void badOperationsOptionsAreUsageErrors() {
        assertThat(run("server", "--metrics", "localhost:http")).isEqualTo(2);
        assertThat(err.toString()).contains("'localhost:http' is not HOST:PORT with a port from 0 to 65535");
        assertThat(run("server", "--metrics", "70000")).isEqualTo(2);
        assertThat(run("server", "--metrics", "[::1")).isEqualTo(2);
        assertThat(run("server", "--log-format", "xml")).isEqualTo(2);
        assertThat(run("server", "--log-addresses", "some")).isEqualTo(2);
        assertThat(err.toString()).contains("'some' is not one of none, hashed, full");
    }

    @Test
    void metricsAddressesDefaultToLoopback() {
        OperationsOptions.MetricsAddressConverter c = new OperationsOptions.MetricsAddressConverter();
        assertThat(c.convert("9100")).isEqualTo(new OperationsOptions.MetricsAddress("127.0.0.1", 9100));
        assertThat(c.convert(":0")).isEqualTo(new OperationsOptions.MetricsAddress("127.0.0.1", 0));
        assertThat(c.convert("0.0.0.0:9100")).isEqualTo(new OperationsOptions.MetricsAddress("0.0.0.0", 9100));
        assertThat(c.convert("[::1]:9100")).isEqualTo(new OperationsOptions.MetricsAddress("::1", 9100));
    }

    @Test
    void aTimeFormatJavaTimeCannotReadIsAUsageError() {
        assertThat(run("client", "--port", "7000", "--time-format", "HH:mm {")).isEqualTo(2);
        assertThat(err.toString()).contains("--time-format 'HH:mm {' is not a java.time pattern (try HH:mm:ss)")
                .doesNotContain("\tat ");
    }

    @Test
    void logDirAndNoLogTogetherAreAUsageError() {
        assertThat(run("client", "--port", "7000", "--no-log", "--log-dir", "/tmp/x")).isEqualTo(2);
        assertThat(err.toString()).contains("--log-dir and --no-log cannot go together").doesNotContain("\tat ");
    }

    @Test
    void aMissingSubcommandIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("a subcommand is required");
    }

    @Test
    void clusterMistakesAreUsageErrors() {
        assertThat(run("server", "--cluster", "http://127.0.0.1:6379")).isEqualTo(2);
        assertThat(err.toString()).contains("--cluster: 'http://127.0.0.1:6379' is not an address like redis://");
        assertThat(run("server", "--cluster", "redis://127.0.0.1:6379/x")).isEqualTo(2);
        assertThat(err.toString()).contains("is not a database number");
        assertThat(run("server", "--node", "n1")).isEqualTo(2);
        assertThat(err.toString()).contains("--node names a node of a cluster: give --cluster too");
        assertThat(run("server", "--cluster", "redis://127.0.0.1:6379", "--data", "none")).isEqualTo(2);
        assertThat(err.toString()).contains("--data and --cluster cannot go together").doesNotContain("\tat ");
    }

    @Test
    void aClusterWhoseRedisDoesNotAnswerIsOneSentenceAndExitCodeOne() throws Exception {
        int closedPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = free.getLocalPort();
        }
        int exit = run("server", "--host", "127.0.0.1", "--port", "0", "--cluster", "redis://127.0.0.1:" + closedPort);
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("parley: cannot reach the cluster's Redis at redis://127.0.0.1:" + closedPort)
                .doesNotContain("\tat ");
    }

    @Test
    void aRuntimeFailureIsOneSentenceAndExitCodeOne() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            int exit = run("server", "--backend", "threaded", "--host", "127.0.0.1", "--data", "none",
                    "--port", String.valueOf(taken.getLocalPort()));
            assertThat(exit).isEqualTo(1);
            assertThat(err.toString()).startsWith("parley: cannot listen there: ").doesNotContain("\tat ");
        }
    }
}
