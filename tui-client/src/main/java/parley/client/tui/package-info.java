/**
 * The full-screen client's UI thread, which wires state, view, key map and link together.
 *
 * <pre>
 *  Screen.pollInput --> KeyMap --> Action --+                      +--> ChatView.draw --> Screen.refresh
 *                                           +--> ClientState ------+
 *  ServerLink thread --> UiEvent queue -----+        |
 *                                                    +--> Sender (ServerLink.send: queues, never blocks)
 * </pre>
 *
 * One {@code step()} drains keys and events and redraws once; tests call it directly on a virtual terminal.
 */
package parley.client.tui;
