package parley.client.state;

import parley.core.Names;

/** Gives every nick the same colour every time, in every session, ignoring case (as nicks are compared). */
public final class NickColours {

    /** How many distinct nick colours the view offers. */
    public static final int COUNT = 12;

    private NickColours() {
    }

    public static int of(String nick) {
        // String.hashCode is specified by the JLS, so the colour survives restarts and differs by nothing else.
        return Math.floorMod(Names.key(nick).hashCode(), COUNT);
    }
}
