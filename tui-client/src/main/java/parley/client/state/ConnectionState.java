package parley.client.state;

/** Where the connection to the server stands, as the status bar shows it. */
public enum ConnectionState {
    CONNECTING("connecting"),
    CONNECTED("connected"),
    /** Lost, waiting to try again; lines typed now are kept and sent on reconnect. */
    RECONNECTING("reconnecting"),
    /** Over: you quit, or the client gave up. */
    CLOSED("closed");

    private final String word;

    ConnectionState(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
