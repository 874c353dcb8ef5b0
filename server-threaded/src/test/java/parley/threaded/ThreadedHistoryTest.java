package parley.threaded;

import parley.conformance.HistoryContract;
import parley.server.ServerBackend;

/** The history contract, run against this backend. */
class ThreadedHistoryTest extends HistoryContract {
    @Override
    protected ServerBackend backend() {
        return new ThreadedBackend();
    }
}
