/**
 * A log an operator can keep: events with typed fields, bounded free text, repeats summed up, addresses shown
 * as the operator chose, as text or (in the launcher) JSON lines.
 *
 * <pre>
 *  core / backends (any thread)                     the log's writer thread (the launcher's StderrLog)
 *  ServerLog.event(LogEvent.info("refused", ...)    BoundedLog.write: LogThrottle.admit (first 5 per key and
 *     .address(...).label(...))  --- queue --->        10 s) --> LogFormat.line (AddressPolicy: full, hashed,
 *  ServerLog.info("plain text")                        none) --> stderr;  tick(): one summary per key
 * </pre>
 *
 * Free text (nicks, quit reasons, error messages) is cut when the {@link parley.log.LogEvent} is made, so a
 * queued event is small whatever a client sent.
 */
package parley.log;
