package parley.core;

/**
 * Tunables of the chat core.
 *
 * @param defaultRoom  the room every new connection starts in
 * @param historySize  how many spoken messages each room replays to someone who joins
 */
public record CoreSettings(String defaultRoom, int historySize) {

    public static CoreSettings defaults() {
        return new CoreSettings("lobby", 50);
    }
}
