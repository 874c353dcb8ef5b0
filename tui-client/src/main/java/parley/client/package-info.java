/**
 * The parley terminal client: a full-screen Lanterna client and a line-mode JLine client over one connection
 * layer.
 *
 * <pre>
 *  launcher (app) --> {@link parley.client.ClientApp} --runFullScreen--> tui.FullScreenClient
 *                                                  \--runPlain-------> plain.PlainClient
 *                      both talk to the server through net.ServerLink, by way of log.LoggingListener
 *                      (a file per conversation per day, written on the log's own thread) unless --no-log
 *
 *  full screen:  keys --> input.KeyMap --> tui (UI thread) --> state.ClientState --> view.ChatView --> screen
 *                net.ServerLink thread --> queue --------------^        |                                  |
 *                                    ^------------ lines to send -------+   real terminal: tui.WholeCharacterTerminal <--+
 * </pre>
 *
 * {@link parley.client.ClientMain} starts either from a shell, for trying the client in a real terminal.
 */
package parley.client;
