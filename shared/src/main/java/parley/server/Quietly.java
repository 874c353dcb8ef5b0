package parley.server;

import java.io.Closeable;
import java.io.IOException;

/** Closing what is being given up on, where a failure to close has nobody left to tell. */
public final class Quietly {

    private Quietly() {
    }

    /** Closes {@code resource} (null is fine), ignoring an {@link IOException}: it is abandoned either way. */
    public static void close(Closeable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (IOException e) {
            // already broken or closed: there is nothing more to do with it
        }
    }
}
