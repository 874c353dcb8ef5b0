package parley.history;

/**
 * A store that cannot be opened, or a history read that failed. The message is one sentence a person can
 * act on ("cannot open the history in /x: the file is not a SQLite database").
 */
public final class HistoryStoreException extends RuntimeException {

    public HistoryStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public HistoryStoreException(String message) {
        super(message);
    }
}
