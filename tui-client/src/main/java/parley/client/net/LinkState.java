package parley.client.net;

/** The connection's life, as reported to the {@link LinkListener}. */
public enum LinkState {
    /** Opening the socket and waiting for the welcome. */
    CONNECTING,
    /** Welcomed; lines are being sent. */
    CONNECTED,
    /** Lost; waiting out the backoff before the next attempt. Lines sent now are kept. */
    RETRYING,
    /** Over because the person quit or the link was closed: exit normally. */
    CLOSED,
    /** Over because the server could not be reached (or the backoff gave up): exit with failure. */
    FAILED
}
