package parley.client.net;

/** The connection's life, as the link reports it to its {@link LinkListener} and the status bar shows it. */
public enum LinkState {
    /** Opening the socket and waiting for the welcome. */
    CONNECTING("connecting"),
    /** Welcomed; lines are being sent. */
    CONNECTED("connected"),
    /** Lost; waiting out the backoff before the next attempt. Lines sent now are kept. */
    RETRYING("reconnecting"),
    /** Over because the person quit or the link was closed: exit normally. */
    CLOSED("closed"),
    /** Over because the server could not be reached (or the backoff gave up): exit with failure. */
    FAILED("closed");

    private final String word;

    LinkState(String word) {
        this.word = word;
    }

    /** The word the status bar shows. */
    public String word() {
        return word;
    }

    /** Over, one way or the other: nothing more will be sent. */
    public boolean isOver() {
        return this == CLOSED || this == FAILED;
    }
}
