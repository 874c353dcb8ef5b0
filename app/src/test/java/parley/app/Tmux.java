package parley.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A tmux server of one test's own, to use a program as a person at a real terminal would: {@link #type} and
 * {@link #press} to type, {@link #screen} to read what the terminal shows ({@code capture-pane}).
 *
 * <p>It listens on a socket in the test's temporary folder, never on the user's default server, and reads a
 * config of its own rather than {@code ~/.tmux.conf}, which turns tmux's status bar off: every row is the program's.
 */
final class Tmux implements AutoCloseable {

    private static final String SESSION = "parley";
    private static final long COMMAND_SECONDS = 10;

    private final Path socket;
    private final Path config;
    private final int rows;

    private Tmux(Path socket, Path config, int rows) {
        this.socket = socket;
        this.config = config;
        this.rows = rows;
    }

    /** Whether the {@code tmux} binary can be run. */
    static boolean installed() {
        try {
            Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts a server in {@code dir} with one pane of {@code columns} x {@code rows} running {@code shellCommand}. */
    static Tmux start(Path dir, int columns, int rows, String shellCommand) throws IOException {
        Path config = Files.writeString(dir.resolve("tmux.conf"), """
                set -g status off
                """);
        Tmux tmux = new Tmux(dir.resolve("tmux.sock"), config, rows);
        tmux.run("new-session", "-d", "-s", SESSION, "-x", String.valueOf(columns), "-y", String.valueOf(rows),
                shellCommand);
        return tmux;
    }

    /** Types {@code text} literally (no key names), as if pasted character by character. */
    void type(String text) {
        run("send-keys", "-t", SESSION, "-l", text);
    }

    /**
     * Pastes {@code text} as a terminal does: wrapped in bracketed-paste markers when the program asked for
     * them, line breaks sent as carriage returns.
     */
    void paste(String text) {
        run("set-buffer", "-b", "pasted", "--", text);
        run("paste-buffer", "-p", "-b", "pasted", "-t", SESSION);
    }

    /** Presses keys by tmux name: {@code Enter}, {@code BSpace}, {@code C-u}. */
    void press(String... keys) {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", SESSION));
        args.addAll(List.of(keys));
        run(args.toArray(String[]::new));
    }

    /** The visible screen, one string per row (trailing spaces trimmed by tmux), always {@code rows} long. */
    List<String> screen() {
        List<String> lines = new ArrayList<>(run("capture-pane", "-p", "-t", SESSION).lines().toList());
        while (lines.size() < rows) {
            lines.add("");
        }
        return lines;
    }

    /** A tmux format evaluated for the pane, e.g. {@code #{alternate_on}}. */
    String format(String format) {
        return run("display-message", "-p", "-t", SESSION, format).strip();
    }

    /** Kills the server and whatever still runs in its pane. */
    @Override
    public void close() {
        try {
            run("kill-server");
        } catch (IllegalStateException alreadyGone) {
            // nothing left to kill
        }
    }

    private String run(String... args) {
        List<String> command = new ArrayList<>(List.of("tmux", "-u", "-S", socket.toString(), "-f", config.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LANG", "C.UTF-8");     // so tmux talks UTF-8 to us (-u says so too)
        builder.environment().remove("TMUX");             // started from inside tmux, it would refuse to nest
        try {
            Process p = builder.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("tmux " + String.join(" ", args) + " did not finish");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("tmux " + String.join(" ", args) + " failed (" + p.exitValue()
                        + "): " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running tmux", e);
        }
    }
}
