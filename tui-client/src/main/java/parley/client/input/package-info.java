/**
 * Keys to actions: the only place that knows which key does what.
 *
 * <pre>
 *  terminal bytes --> Lanterna InputDecoder (+ BracketedPaste: ESC[200~ / ESC[201~ --> Mark)
 *    --> KeyStroke / MouseAction / Mark --> KeyMap (joins surrogate halves) --> Action --> the UI applies it
 * </pre>
 */
package parley.client.input;
