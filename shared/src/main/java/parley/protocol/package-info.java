/**
 * The wire protocol, implemented once for both backends and the client.
 *
 * <pre>
 *  bytes from a socket --> {@link parley.protocol.LineDecoder} --> String lines
 *      --> {@link parley.protocol.Command#parse} (the one grammar, also the clients') --> chat core
 *  chat core --> {@link parley.protocol.ChatEvent} (one record per kind) --> {@link parley.protocol.EventEncoder}
 *                 (text mode: {@link parley.protocol.TextFormat}, for nc users;
 *                  machine mode: {@link parley.protocol.MachineFormat}, for the TUI) --> bytes to a socket
 * </pre>
 *
 * Each format also parses what it writes ({@code MachineFormat.parse} exactly; {@code TextFormat.parse} what a
 * text line says), for every program that reads the server: the client, the load generator, tests.
 * {@link parley.protocol.TextSanitizer} cleans what people send of anything that could act on another
 * person's terminal, hide text, or pass for a server line: controls and escape sequences go first, then
 * invisible characters ({@link parley.protocol.Invisibles} says which ones emoji and scripts need), then runs
 * of blanks, then bracketed clocks ({@link parley.protocol.Clocks}). See docs/PROTOCOL.md.
 */
package parley.protocol;
