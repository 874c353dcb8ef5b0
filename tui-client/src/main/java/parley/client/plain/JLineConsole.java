package parley.client.plain;

import java.io.IOException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * A JLine line editor: history, editing keys, and incoming lines printed above the prompt with
 * {@link LineReader#printAbove(String)}, so what you are typing is redrawn intact below them.
 */
public final class JLineConsole implements LineConsole {

    private static final int HISTORY_LINES = 1_000;

    private final Terminal terminal;
    private final LineReader reader;

    public JLineConsole() throws IOException {
        this(TerminalBuilder.builder().system(true).name("parley").build());
    }

    public JLineConsole(Terminal terminal) {
        this.terminal = terminal;
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("parley")
                .variable(LineReader.HISTORY_SIZE, HISTORY_LINES)
                // Chat lines are full of "!"; history expansion would rewrite them.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .build();
    }

    @Override
    public String readLine() {
        try {
            return reader.readLine("> ");
        } catch (UserInterruptException | EndOfFileException e) {
            return null;
        }
    }

    @Override
    public void print(String line) {
        reader.printAbove(line);
    }

    @Override
    public void close() {
        try {
            terminal.close();
        } catch (IOException ignored) {
            // the terminal is going away with the process anyway
        }
    }
}
