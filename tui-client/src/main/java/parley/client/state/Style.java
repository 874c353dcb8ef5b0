package parley.client.state;

/**
 * What a piece of text means, never how it looks: the view maps each role to colours, so the state stays free of
 * any terminal library and tests can assert meaning.
 */
public enum Style {
    /** The time column of a live line. */
    TIME,
    /** The time column of a line replayed from the room's history. */
    HISTORY_TIME,
    /** The sender's {@code ip:port} column, padded to one width: present but quieter than the words. */
    ADDRESS,
    /** Someone else's nick; the span carries the nick's stable colour index. */
    NICK,
    /** Your own nick. */
    OWN_NICK,
    /** What someone else said. */
    TEXT,
    /** What you said. */
    OWN_TEXT,
    /** Someone else's line that mentions your nick. */
    MENTION,
    /** Joins, leaves, nick changes, server notices. */
    SYSTEM,
    /** Something the server refused. */
    ERROR,
    /** What the client itself tells you (connection changes, /help, queued lines). */
    NOTE,
    /** The line marking a new day, or where history starts. */
    DIVIDER
}
