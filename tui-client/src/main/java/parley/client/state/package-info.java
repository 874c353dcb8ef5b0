/**
 * Everything the full-screen client knows, in plain Java with no terminal library: testable without a screen.
 *
 * <pre>
 *  ChatEvent --> ClientState.onEvent --> EntryFormat --> LogEntry --> the event's Window: MessageLog (capacity,
 *                     |  (nick, room, IgnoreList, BellMode;                 |    sequence numbers), Members, unread,
 *                     |   which Window: room, private partner, in front)    |    read marker; StatusLine.activity
 *                     v                                                     v
 *                 bell? (returned)                          Scrollback (follow / held anchor, N new below)
 *                                                                           | Wrapper: LogEntry -> Rows at a width
 *  typed line --> ClientState.submit --> LocalCommand --> Submission        v        (Graphemes measures columns)
 *                 InputLine (grapheme cursor, window)       (lines to send)  rows of Spans with a Style each
 *                 InputHistory, Completer                                         --> read by the view
 * </pre>
 *
 * {@code Windows} holds the windows in order and the one in front; the view reads the window
 * in front ({@code ClientState.window()}) and {@link parley.client.state.StatusLine#activity} for the others.
 *
 * LocalCommand reads a typed line as the server will ({@link parley.protocol.Command}), so a line is the
 * client's own command, a /quit, or text for the server on both sides alike.
 *
 * <p>Meaning, not looks: a {@link parley.client.state.Span} carries a {@link parley.client.state.Style}; the view
 * alone chooses colours.
 */
package parley.client.state;
