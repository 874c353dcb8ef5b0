package parley.core;

/**
 * What a {@link ChatCore} holds at one moment, read under its lock.
 *
 * @param connected    sessions connected
 * @param rooms        rooms that exist (the default room always does)
 * @param linesRelayed lines handed to outbound queues since start: a broadcast to ten people counts ten
 */
public record CoreCounts(int connected, int rooms, long linesRelayed) {
}
