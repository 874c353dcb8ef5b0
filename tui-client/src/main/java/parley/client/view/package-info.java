/**
 * The only code that draws: reads {@link parley.client.state.ClientState} and paints a Lanterna screen.
 *
 * <pre>
 *  ClientState --> ChatView.draw --> pane rows    (Scrollback.visibleRows, marker,     --+
 *                                                  paste question; moved up? scrollLines)   |
 *                                --> status bar   (StatusLine)                         +--> Glyphs.cell --> Screen
 *                                --> input line   (InputLine.window, cursor)         --+    (width agreed with
 *                  Palette: Style --> Look (colours, bold, reverse)                          state.Graphemes)
 * </pre>
 */
package parley.client.view;
