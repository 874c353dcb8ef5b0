package parley.client.state;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import parley.protocol.Command;

/**
 * Splits what someone says into lines the server accepts: each at most {@code maxBytes} of UTF-8, cut at the
 * last space that fits, else between two graphemes, never inside a character. {@code /me} and {@code /msg NICK}
 * are repeated on every piece, and a piece that would read as a command is escaped; other commands go as typed.
 */
final class LongLines {

    private LongLines() {
    }

    static List<String> split(String line, int maxBytes) {
        if (bytes(line) <= maxBytes) {
            return List.of(line);
        }
        Command command = Command.parse(line).orElse(null);
        String prefix;
        String text;
        if (command instanceof Command.Say say) {
            prefix = "";
            text = say.text();
        } else if (command instanceof Command.Me me) {
            prefix = "/me ";
            text = me.text();
        } else if (command instanceof Command.Msg msg) {
            prefix = "/msg " + msg.nick() + " ";
            text = msg.text();
        } else {
            return List.of(line);   // the server says what is wrong with it
        }
        int budget = maxBytes - bytes(prefix) - 1;      // one byte for the escape a piece may need
        List<String> out = new ArrayList<>();
        for (String piece : pieces(text, Math.max(8, budget))) {
            out.add(prefix.isEmpty() ? Command.literal(piece) : prefix + piece);
        }
        return out;
    }

    private static List<String> pieces(String text, int budget) {
        List<String> out = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        int used = 0;
        int lastSpace = -1;
        for (String g : Graphemes.split(text)) {
            int size = bytes(g);
            if (used + size > budget && piece.length() > 0) {
                String rest = "";
                if (lastSpace > 0) {
                    rest = piece.substring(lastSpace + 1);
                    piece.setLength(lastSpace);
                }
                out.add(piece.toString());
                piece.setLength(0);
                piece.append(rest);
                used = bytes(rest);
                lastSpace = -1;
                if (g.equals(" ") && rest.isEmpty()) {
                    continue;   // the space at a break is dropped
                }
            }
            if (g.equals(" ")) {
                lastSpace = piece.length();
            }
            piece.append(g);
            used += size;
        }
        if (!piece.isEmpty()) {
            out.add(piece.toString());
        }
        return out;
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
