package parley.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import parley.conformance.ChatClient;

/**
 * The launcher's start-up cache, through the real {@code ./parley} script and the built jar (Failsafe, after
 * {@code package}): a copy of both in a folder of their own, so the test's caches are its own. A java with
 * {@code -XX:AOTCacheOutput} (25+) gets a cache made on the first start and mapped by the server; a stale or
 * broken cache never breaks a start; a java without the option (17) starts without one.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class StartupCacheIT {

    private static final Pattern LISTENING = Pattern.compile("listening on [^ ]*:(\\d+) backend=(\\w+)");

    @TempDir
    Path home;

    private Path script;
    private Path jar;
    private final List<Process> servers = new ArrayList<>();

    @BeforeEach
    void copyLauncherAndJar() throws IOException {
        script = home.resolve("parley");
        Files.copy(Path.of("..", "parley"), script);
        script.toFile().setExecutable(true);
        jar = home.resolve("app/target/parley.jar");
        Files.createDirectories(jar.getParent());
        Files.copy(Path.of("target", "parley.jar"), jar, StandardCopyOption.COPY_ATTRIBUTES);
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : servers) {
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void theFirstStartMakesTheCacheAndTheServerMapsIt() throws Exception {
        Path java = javaWithAotCache();
        Started first = start(java);
        assertThat(first.output()).contains("making the start-up cache");
        Path cache = onlyCache();
        assertThat(mapped(first.process())).contains(cache.toString());
        chat(first.port());

        Started second = start(java);
        assertThat(second.output()).doesNotContain("making the start-up cache");
        assertThat(mapped(second.process())).contains(cache.toString());
        chat(second.port());
    }

    @Test
    void aCacheOlderThanTheJarIsMadeAgainAndABrokenOneIsSkippedSilently() throws Exception {
        Path java = javaWithAotCache();
        start(java);
        Path cache = onlyCache();

        // A new build: the jar is newer than the cache, which is made again before the server starts.
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now()));
        Started rebuilt = start(java);
        assertThat(rebuilt.output()).contains("making the start-up cache");
        assertThat(Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(jar))).isPositive();
        chat(rebuilt.port());

        // A cache the JVM rejects (here: garbage) looks fresh to the launcher: the server starts without it,
        // and says nothing about it. Put in place as the launcher does, by a rename: the servers still running
        // have the old file mapped, and writing into it would pull their memory from under them (SIGBUS).
        Path garbage = Files.writeString(cache.resolveSibling("garbage"), "not a cache");
        Files.setLastModifiedTime(garbage, FileTime.from(Instant.now().plusSeconds(10)));
        Files.move(garbage, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Started broken = start(java);
        assertThat(broken.output()).doesNotContain("making the start-up cache").doesNotContain("[aot]")
                .doesNotContain("[error");
        chat(broken.port());
    }

    @Test
    void aCacheThatCannotBeMadeIsNoCache() throws Exception {
        Path java = javaWithAotCache();
        Files.writeString(home.resolve("app/target/aot"), "a file where the cache's folder would be");
        Started s = start(java);
        assertThat(s.output()).doesNotContain("start-up cache");
        assertThat(mapped(s.process())).doesNotContain(".aot");
        chat(s.port());
    }

    @Test
    void aJavaWithoutTheOptionStartsWithoutACache() throws Exception {
        Path java17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");
        assumeThat(java17).as("a JDK 17 at the usual place").isExecutable();
        Started s = start(java17);
        assertThat(s.output()).doesNotContain("start-up cache");
        assertThat(home.resolve("app/target/aot")).doesNotExist();
        chat(s.port());
    }

    @Test
    void parleyJavaOptsReplaceTheCache() throws Exception {
        Path java = javaWithAotCache();
        Started s = start(java, "-Xmx64m");
        assertThat(s.output()).doesNotContain("start-up cache");
        assertThat(home.resolve("app/target/aot")).doesNotExist();
        chat(s.port());
    }

    @Test
    void askingForHelpMakesNoCache() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(script.toString(), "server", "--help").redirectErrorStream(true);
        pb.environment().put("PARLEY_JAVA", javaWithAotCache().toString());
        pb.environment().remove("PARLEY_JAVA_OPTS");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(output).contains("--backend").doesNotContain("start-up cache");
        assertThat(home.resolve("app/target/aot")).doesNotExist();
    }

    private record Started(Process process, int port, String output) {
    }

    private Started start(Path java, String... javaOpts) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(script.toString(), "server", "--host", "127.0.0.1", "--port", "0",
                "--data", "none").redirectErrorStream(true);
        pb.environment().put("PARLEY_JAVA", java.toString());
        pb.environment().remove("PARLEY_JAVA_OPTS");
        if (javaOpts.length > 0) {
            pb.environment().put("PARLEY_JAVA_OPTS", String.join(" ", javaOpts));
        }
        Process p = pb.start();
        servers.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "server-output");
                drain.setDaemon(true);
                drain.start();
                return new Started(p, Integer.parseInt(m.group(1)), seen.toString());
            }
        }
        throw new AssertionError("the server ended before listening:\n" + seen);
    }

    /** The server answers: it did start, with or without its cache. */
    private static void chat(int port) throws IOException {
        try (ChatClient ada = ChatClient.connect(new InetSocketAddress("127.0.0.1", port))) {
            ada.send("/nick ada");
            ada.awaitContaining("is now known as ada");
        }
    }

    private Path onlyCache() throws IOException {
        try (Stream<Path> files = Files.list(home.resolve("app/target/aot"))) {
            List<Path> caches = files.filter(f -> f.toString().endsWith(".aot")).toList();
            assertThat(caches).hasSize(1);
            assertThat(caches.get(0)).isNotEmptyFile();
            return caches.get(0);
        }
    }

    /** The files the process has mapped: a cache the JVM uses is mapped into its memory. */
    private static String mapped(Process p) throws IOException {
        return Files.readString(Path.of("/proc", Long.toString(p.pid()), "maps"));
    }

    /** The newest installed JDK that has -XX:AOTCacheOutput (25+), or the test is skipped. */
    private static Path javaWithAotCache() throws IOException {
        Optional<Path> found = Optional.empty();
        int best = 0;
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> homes = Files.list(jvms)) {
                for (Path h : homes.toList()) {
                    Path release = h.resolve("release");
                    if (!Files.isRegularFile(release) || !Files.isExecutable(h.resolve("bin/java"))) {
                        continue;
                    }
                    Matcher m = Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(Files.readString(release));
                    int major = m.find() ? Integer.parseInt(m.group(1)) : 0;
                    if (major >= 25 && major > best) {
                        best = major;
                        found = Optional.of(h.resolve("bin/java"));
                    }
                }
            }
        }
        assumeThat(found).as("a JDK 25+ under /usr/lib/jvm").isPresent();
        return found.get();
    }
}
