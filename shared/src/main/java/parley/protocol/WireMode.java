package parley.protocol;

/** How a connection's events are written: for people ({@link #TEXT}) or for programs ({@link #MACHINE}). */
public enum WireMode {
    TEXT,
    MACHINE;

    /** The first line a client sends to switch its connection to machine mode. */
    public static final String MACHINE_HELLO = "PARLEY/1 MACHINE";
}
