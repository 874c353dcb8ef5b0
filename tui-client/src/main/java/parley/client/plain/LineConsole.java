package parley.client.plain;

import java.io.IOException;

/** Where the line-mode client reads what the person types and prints what happens. */
public interface LineConsole extends AutoCloseable {

    /** The next line typed; null at the end of input (Ctrl-D, end of a pipe) or on Ctrl-C. */
    String readLine() throws IOException;

    /** Prints one line without disturbing a line being typed; safe from any thread. */
    void print(String line);

    @Override
    void close();
}
