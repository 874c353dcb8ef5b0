/**
 * The full-screen client's UI thread, which wires state, view, key map and link together.
 *
 * <pre>
 *  key thread (Screen.readInput) --+
 *  ServerLink thread --------------+--> UiEvent queue --> KeyMap --> Action --+--> ClientState --> ChatView.draw
 *  terminal resize listener -------+                                          |      --> Screen.refresh(DELTA)
 *                                                    Sender (ServerLink.send: queues, never blocks) <--+
 * </pre>
 *
 * One {@code step()} drains keys and events and redraws once; tests call it directly on a virtual terminal,
 * where it reads keys itself. {@code run()} sleeps on the queue between rounds, so an idle client never wakes.
 *
 * <p>On a real terminal the screen writes through {@link parley.client.tui.WholeCharacterTerminal}, Lanterna's
 * Unix terminal with one change: a string goes out encoded whole, so an emoji is not split into two "?"
 * (Lanterna 3.1.5 encodes one UTF-16 unit at a time), and it asks for bracketed paste.
 */
package parley.client.tui;
