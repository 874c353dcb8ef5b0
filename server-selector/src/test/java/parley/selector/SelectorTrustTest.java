package parley.selector;

import parley.conformance.TrustContract;
import parley.server.ServerBackend;

/** The registered-nick and moderation contract, run against this backend. */
class SelectorTrustTest extends TrustContract {
    @Override
    protected ServerBackend backend() {
        return new SelectorBackend();
    }
}
