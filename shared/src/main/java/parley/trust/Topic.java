package parley.trust;

import java.time.Instant;

/** A room's topic: what it is, who set it and when. */
public record Topic(String text, String by, Instant at) {
}
