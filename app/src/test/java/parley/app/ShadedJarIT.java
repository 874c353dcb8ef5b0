package parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import parley.conformance.ChatClient;

/**
 * The jar users run, not the class path the other tests see: {@code app/target/parley.jar} started with
 * {@code java -jar} after the {@code package} phase (Failsafe). It checks what only the shaded jar can get wrong:
 * the backends found through merged service files, and ICU's trimmed data (the shade filter drops the locale
 * data the nick rules never read), exercised by a look-alike nick and a normalised one.
 */
class ShadedJarIT {

    private static final Pattern LISTENING = Pattern.compile("listening on [^ ]*:(\\d+) backend=(\\w+)");

    private Process server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theJarServesChatWithTheNickRules() throws Exception {
        int port = start("selector");
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        try (ChatClient ada = ChatClient.connect(address); ChatClient other = ChatClient.connect(address)) {
            ada.send("/nick ada");
            ada.awaitContaining("is now known as ada");
            other.send("/nick \u0430da"); // Cyrillic а: a look-alike that mixes scripts
            other.awaitContaining("mixes Cyrillic and Latin");
            other.send("/nick \uff41\uff44\uff41"); // fullwidth ａｄａ: the same nick once normalised
            other.awaitContaining("is taken");
            other.send("/nick 李小龍");
            ada.awaitContaining("is now known as 李小龍");
        }
    }

    @Test
    void bothBackendsAreInTheJar() throws Exception {
        assertThat(start("threaded")).isPositive();
    }

    private int start(String backend) throws IOException {
        Path jar = Path.of("target", "parley.jar");
        assertThat(jar).exists();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        server = new ProcessBuilder(java.toString(), "-jar", jar.toString(), "server", "--host", "127.0.0.1",
                "--port", "0", "--backend", backend, "--data", "none")
                .redirectErrorStream(true)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                assertThat(m.group(2)).isEqualTo(backend);
                assertThat(seen.toString()).doesNotContain("WARNING"); // e.g. the JDK's native-access warning
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "server-output");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("the server ended before listening:\n" + seen + "\n" + Files.exists(jar));
    }
}
