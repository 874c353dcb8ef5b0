package parley.client;

import java.io.IOException;
import java.time.Clock;

/**
 * Starts the client from a shell, for trying it in a real terminal:
 * {@code --host H --port P [--nick N] [--plain]}. The launcher in {@code app} uses {@link ClientApp} directly.
 */
public final class ClientMain {

    private static final String USAGE = "usage: ClientMain --host H --port P [--nick N] [--plain]";

    private ClientMain() {
    }

    public static void main(String[] args) throws IOException {
        String host = "127.0.0.1";
        int port = -1;
        String nick = null;
        boolean plain = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--host" -> host = args[++i];
                    case "--port" -> port = Integer.parseInt(args[++i]);
                    case "--nick" -> nick = args[++i];
                    case "--plain" -> plain = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            System.err.println(USAGE);
            System.exit(2);
        }
        if (port < 0) {
            System.err.println(USAGE);
            System.exit(2);
        }
        ClientApp app = new ClientApp(host, port, nick, Clock.systemDefaultZone());
        System.exit(plain ? app.runPlain() : app.runFullScreen());
    }
}
