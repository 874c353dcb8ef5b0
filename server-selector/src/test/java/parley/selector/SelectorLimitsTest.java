package parley.selector;

import parley.conformance.LimitsContract;
import parley.server.ServerBackend;

class SelectorLimitsTest extends LimitsContract {
    @Override
    protected ServerBackend backend() {
        return new SelectorBackend();
    }
}
