package parley.protocol;

import java.util.Optional;

/**
 * How a connection's events are written: for people ({@link #TEXT}) or for programs, in one of two versions of
 * machine mode. {@link #MACHINE} is PARLEY/1, unchanged since it was first written; {@link #MACHINE_V2} adds
 * message ids and history batches (docs/PROTOCOL.md).
 */
public enum WireMode {
    TEXT,
    MACHINE,
    MACHINE_V2;

    /** The first line a client sends to switch its connection to machine mode, PARLEY/1. */
    public static final String MACHINE_HELLO = "PARLEY/1 MACHINE";

    /** The first line a client sends to switch its connection to machine mode with ids, PARLEY/2. */
    public static final String MACHINE_V2_HELLO = "PARLEY/2 MACHINE";

    /** The machine mode a first line asks for, if it is a hello (surrounding blanks ignored). */
    public static Optional<WireMode> ofHello(String firstLine) {
        String line = firstLine.strip();
        if (line.equals(MACHINE_HELLO)) {
            return Optional.of(MACHINE);
        }
        return line.equals(MACHINE_V2_HELLO) ? Optional.of(MACHINE_V2) : Optional.empty();
    }
}
