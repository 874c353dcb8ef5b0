package parley.core;

/** Where servers report connects, disconnects and refusals: the launcher prints them to stderr. */
@FunctionalInterface
public interface ServerLog {

    void info(String message);

    /** A log that discards everything, for tests that do not look at it. */
    static ServerLog silent() {
        return message -> { };
    }
}
