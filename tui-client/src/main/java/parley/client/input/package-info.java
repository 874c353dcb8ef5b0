/**
 * Keys to actions: the only place that knows which key does what.
 *
 * <pre>
 *  Lanterna KeyStroke / MouseAction --> KeyMap (joins surrogate halves) --> Action --> the UI applies it
 * </pre>
 */
package parley.client.input;
