package parley.protocol;

/**
 * A person as others see them: their nick and the {@code ip:port} the server sees them connect from.
 *
 * @param nick    their nick now (for a {@link ChatEvent.NickChange}, the old one is the event's)
 * @param address {@code ip:port}, IPv6 as {@code [ip]:port}
 */
public record Member(String nick, String address) {
}
