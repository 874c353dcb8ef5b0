package parley.bench.target;

/** A target could not be started or reached: its rows are skipped with this message as the note. */
public final class TargetUnavailable extends Exception {

    public TargetUnavailable(String message) {
        super(message);
    }

    public TargetUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
