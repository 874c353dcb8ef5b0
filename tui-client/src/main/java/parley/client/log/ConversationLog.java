package parley.client.log;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Appends lines to one file per conversation per day, {@code DIR/SERVER/#room.2026-11-29.log} or
 * {@code DIR/SERVER/nick.2026-11-29.log}, on a thread of its own. {@link #record} never waits: the UI and the
 * link hand lines over through a bounded queue. The first failure to write (a full disk, a directory that cannot
 * be made) is told once through {@code warn} and ends logging; the chat goes on without it.
 */
public final class ConversationLog implements AutoCloseable {

    /** Lines waiting for the disk; past this many the newest are not logged (and the person is told, once). */
    static final int QUEUE = 10_000;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private record Line(String conversation, Instant time, String text) {
    }

    private record FileKey(String conversation, LocalDate day) {
    }

    private final Path dir;
    private final ZoneId zone;
    private final Consumer<String> warn;
    private final BlockingQueue<Line> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread writer;
    private volatile boolean stopped;
    private volatile boolean closing;
    private volatile boolean overflowTold;
    /** Open files, on the writer thread only; yesterday's are closed when today's first line comes. */
    private final Map<FileKey, Writer> open = new HashMap<>();

    /**
     * @param dir    the log directory; files go under {@code dir/server}
     * @param server the server as a directory name ({@link #serverDirectory})
     * @param warn   told once, on the writer thread, why logging stopped
     */
    public ConversationLog(Path dir, String server, ZoneId zone, Consumer<String> warn) {
        this.dir = dir.resolve(server);
        this.zone = zone;
        this.warn = warn;
        this.writer = new Thread(this::writeUntilClosed, "parley-log-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Where logs go by default: {@code $XDG_STATE_HOME/parley/logs}, else {@code ~/.local/state/parley/logs}, as
     * the XDG base directory specification places "actions history (logs, history, recently used files)".
     */
    public static Path defaultDirectory(Map<String, String> env, String home) {
        String state = env.getOrDefault("XDG_STATE_HOME", "");
        Path base = state.isBlank() ? Path.of(home, ".local", "state") : Path.of(state);
        return base.resolve("parley").resolve("logs");
    }

    /** {@code 127.0.0.1_7777}: a server's address as a directory name on any file system. */
    public static String serverDirectory(String host, int port) {
        return safe(host) + "_" + port;
    }

    /** Queues {@code text} said at {@code time} in {@code conversation} ({@code #room} or a nick); never waits. */
    public void record(String conversation, Instant time, String text) {
        if (stopped || closing) {
            return;
        }
        if (!queue.offer(new Line(conversation, time, text)) && !overflowTold) {
            overflowTold = true;
            warn.accept("the disk is too slow for the log: some lines were not logged");
        }
    }

    /** Whether a failure stopped logging. */
    public boolean stopped() {
        return stopped;
    }

    /** Writes what is queued (up to {@code grace}), then closes every file. */
    public void close(java.time.Duration grace) {
        closing = true;
        try {
            writer.join(grace.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.interrupt();
    }

    @Override
    public void close() {
        close(java.time.Duration.ofSeconds(1));
    }

    private void writeUntilClosed() {
        try {
            while (!(closing && queue.isEmpty())) {
                Line line = queue.poll(100, TimeUnit.MILLISECONDS);
                if (line == null) {
                    continue;
                }
                if (!stopped) {
                    write(line);
                    if (queue.isEmpty()) {
                        flush();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeAll();
        }
    }

    private void write(Line line) {
        LocalDate day = line.time().atZone(zone).toLocalDate();
        try {
            Writer out = open.get(new FileKey(line.conversation(), day));
            if (out == null) {
                out = openFile(line.conversation(), day);
            }
            out.write(CLOCK.format(line.time().atZone(zone)) + " " + line.text() + "\n");
        } catch (IOException e) {
            fail(e);
        }
    }

    private Writer openFile(String conversation, LocalDate day) throws IOException {
        open.entrySet().removeIf(e -> {
            if (e.getKey().conversation().equals(conversation)) {
                closeQuietly(e.getValue());     // yesterday's file of this conversation
                return true;
            }
            return false;
        });
        Files.createDirectories(dir);
        Path file = dir.resolve(safe(conversation) + "." + DAY.format(day) + ".log");
        Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        open.put(new FileKey(conversation, day), out);
        return out;
    }

    private void flush() {
        try {
            for (Writer out : open.values()) {
                out.flush();
            }
        } catch (IOException e) {
            fail(e);
        }
    }

    private void fail(IOException e) {
        stopped = true;
        queue.clear();
        closeAll();
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        warn.accept("cannot write the log in " + dir + " (" + why + "): logging stopped, the chat goes on");
    }

    private void closeAll() {
        open.values().forEach(ConversationLog::closeQuietly);
        open.clear();
    }

    private static void closeQuietly(Writer w) {
        try {
            w.close();
        } catch (IOException e) {
            // a file that cannot be closed has already said why when it was written
        }
    }

    /** Letters, digits, {@code # _ - .} as they are (nicks and rooms are made of these); anything else {@code _}. */
    static String safe(String name) {
        StringBuilder out = new StringBuilder();
        name.toLowerCase(Locale.ROOT).codePoints().forEach(cp -> out.appendCodePoint(
                Character.isLetterOrDigit(cp) || cp == '#' || cp == '_' || cp == '-' || cp == '.' ? cp : '_'));
        String s = out.toString();
        return s.isEmpty() || s.startsWith(".") ? "_" + s : s;
    }
}
