/**
 * The connection to the server, on its own threads; nothing here ever runs on the UI thread's time.
 *
 * <pre>
 *  reader thread:  connect --> "PARLEY/1 MACHINE" --> skip text lines --> WELCOME --> restore /nick, /join
 *                  (closed before WELCOME: the last "!! reason" text line, a refusal, is the reason given)
 *                  --> MachineFormat.parse each line --> LinkListener.received (to the UI's queue)
 *                  loss --> LinkListener.changed(RETRYING) --> Backoff delay --> connect again
 *  any thread:     ServerLink.send --> Outbox (kept while offline) --> writer thread --> socket
 * </pre>
 */
package parley.client.net;
