/**
 * The wire protocol, implemented once for both backends and the client.
 *
 * <pre>
 *  bytes from a socket --> {@link parley.protocol.LineDecoder} --> String lines --> chat core
 *  chat core --> {@link parley.protocol.ChatEvent} --> {@link parley.protocol.EventEncoder}
 *                 (text mode: {@link parley.protocol.TextFormat}, for nc users;
 *                  machine mode: {@link parley.protocol.MachineFormat}, for the TUI) --> bytes to a socket
 * </pre>
 *
 * {@link parley.protocol.TextSanitizer} cleans what people send of anything that could act on another
 * person's terminal. See docs/PROTOCOL.md.
 */
package parley.protocol;
