package parley.client.plain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Plain streams, for when standard input is not a terminal (a pipe, a script, some screen readers): lines in,
 * lines out, no prompt and no escape sequences.
 */
public final class StreamConsole implements LineConsole {

    private final BufferedReader in;
    private final PrintStream out;

    public StreamConsole(InputStream in, OutputStream out) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    @Override
    public String readLine() throws IOException {
        return in.readLine();
    }

    @Override
    public synchronized void print(String line) {
        out.println(line);
    }

    @Override
    public void close() {
        out.flush();
    }
}
