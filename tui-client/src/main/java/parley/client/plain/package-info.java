/**
 * The line-mode client: one readable line per event, for plain terminals, pipes and screen readers.
 *
 * <pre>
 *  LineConsole.readLine (JLine editor, or plain stdin) --> ServerLink.send
 *  ServerLink events --> state.EntryFormat --> "14:02 &lt;alice&gt; hi" --> LineConsole.print (above the prompt)
 * </pre>
 */
package parley.client.plain;
