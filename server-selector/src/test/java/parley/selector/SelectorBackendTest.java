package parley.selector;

import parley.conformance.BackendContract;
import parley.server.ServerBackend;

/** The shared conformance suite, run against this backend. */
class SelectorBackendTest extends BackendContract {
    @Override
    protected ServerBackend backend() {
        return new SelectorBackend();
    }
}
