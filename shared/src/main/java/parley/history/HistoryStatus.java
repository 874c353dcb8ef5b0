package parley.history;

/**
 * How a history store is doing, for {@code /stats} and the log.
 *
 * @param where         where history is kept, for people ("memory, 50 lines per room", a file path)
 * @param problem       why lines are not being stored right now, one sentence; {@code null} when all is well
 * @param stored        lines stored since start
 * @param notStored     lines accepted since start that will never be stored (queue full, store failing, closed)
 * @param waiting       lines accepted and not yet stored
 * @param transactions  write transactions committed since start (0 for a store with no disk)
 * @param lastStoredId  the highest id stored; with the lines appended in id order (the core's lock) every
 *                      line up to it that was not counted in {@code notStored} is stored
 */
public record HistoryStatus(String where, String problem, long stored, long notStored, int waiting,
                            long transactions, long lastStoredId) {

    /** True when lines are being stored as they come. */
    public boolean storing() {
        return problem == null;
    }

    /** One line for {@code /stats} and the log. */
    public String summary() {
        String head = storing() ? "history: " + where : "history is NOT being stored (" + problem + "): " + where;
        return head + ", " + stored + " lines stored, " + notStored + " not stored, " + waiting + " waiting, "
                + "last stored id " + lastStoredId;
    }
}
