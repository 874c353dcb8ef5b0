/**
 * Logs on disk, as irssi's autolog keeps them: one plain-text file per conversation (a room, or the person you
 * talk to in private) per day, under {@code DIR/SERVER/}.
 *
 * <pre>
 *  link's reader thread: LoggingListener.received(event) --> the conversation and its line --> ConversationLog
 *                        .record (a bounded queue: never waits)          |
 *                        --> the client's own listener, as before        v
 *  log writer thread:    take --> the file of (conversation, day) --> append, flush when the queue is empty
 *                        an IOException (a full disk) --> one warning to the person, logging stops, chat goes on
 * </pre>
 */
package parley.client.log;
