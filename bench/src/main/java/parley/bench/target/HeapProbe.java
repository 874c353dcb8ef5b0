package parley.bench.target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a server JVM, through the {@code jcmd} next to the {@code java} that runs it, for a full GC and then
 * for its heap: {@code jcmd PID GC.run}, {@code jcmd PID GC.heap_info}. What is used right after a full GC
 * is the live heap, so a bench can tell memory the server keeps from garbage it has not collected yet.
 */
final class HeapProbe {

    /** The heap line of {@code GC.heap_info}, JDK 17 ({@code total 262144K, used 5935K}) or 25 ({@code total
     * reserved ..., committed 262144K, used 2914K}); the Metaspace lines after it have "used" too. */
    private static final Pattern HEAP_USED = Pattern.compile("^\\s*\\S.*heap\\s.*?\\bused (\\d+)K", Pattern.MULTILINE);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String jcmd;

    /** @param java the server's java launcher; jcmd is looked for next to it (else on the PATH) */
    HeapProbe(String java) {
        Path launcher = Path.of(java);
        this.jcmd = launcher.getParent() == null ? "jcmd" : launcher.resolveSibling("jcmd").toString();
    }

    /** A full GC in process {@code pid}, then its used heap in bytes; empty when jcmd fails. */
    OptionalLong liveHeapBytes(long pid) throws InterruptedException {
        try {
            run(pid, "GC.run");
            return usedBytes(run(pid, "GC.heap_info"));
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    private String run(long pid, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(jcmd, Long.toString(pid), command)).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(jcmd + " " + command + " did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IOException(jcmd + " " + command + " exited with " + p.exitValue());
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** The heap's "used" figure of a {@code GC.heap_info} answer, in bytes; empty when there is none. */
    static OptionalLong usedBytes(String heapInfo) {
        Matcher m = HEAP_USED.matcher(heapInfo);
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1)) * 1024) : OptionalLong.empty();
    }
}
