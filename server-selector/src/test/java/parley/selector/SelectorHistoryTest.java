package parley.selector;

import parley.conformance.HistoryContract;
import parley.server.ServerBackend;

/** The history contract, run against this backend. */
class SelectorHistoryTest extends HistoryContract {
    @Override
    protected ServerBackend backend() {
        return new SelectorBackend();
    }
}
