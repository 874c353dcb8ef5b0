/**
 * The only code that draws: reads {@link parley.client.state.ClientState} and paints a Lanterna screen.
 *
 * <pre>
 *  ClientState --> ChatView.draw --> pane rows    (Scrollback.visibleRows, marker,     --+
 *                                                  paste question; moved up? scrollLines)   |
 *                                --> status bar   (StatusLine)                         +--> Cells.of --> Screen
 *                                --> input line   (InputLine.window, cursor)         --+   (one TextCharacter
 *                  Palette: Style --> Look (colours, bold, reverse)                         per grapheme and look,
 *                                                                                           made by Glyphs.cell,
 *                                                                                           width agreed with
 *                                                                                           state.Graphemes)
 * </pre>
 */
package parley.client.view;
