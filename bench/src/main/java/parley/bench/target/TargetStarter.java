package parley.bench.target;

/** Brings up the server a {@link TargetSpec} names, for one run. */
public final class TargetStarter {

    private final LaunchSettings launch;

    public TargetStarter(LaunchSettings launch) {
        this.launch = launch;
    }

    /**
     * @param maxOutboundBytes the per-client output limit to give servers the bench starts (raised for the
     *                         run), or 0 to leave them their own defaults (their slow-consumer policy as shipped)
     * @param runName          names the run's log files
     * @param asShipped        start a parley server without the bench's raised limits (no extra arguments)
     */
    public RunningTarget start(TargetSpec spec, long maxOutboundBytes, String runName, boolean asShipped)
            throws TargetUnavailable, InterruptedException {
        // Java 17: no pattern switch yet; the sealed interface keeps this list complete.
        if (spec instanceof TargetSpec.Backend b) {
            return ParleyServerTarget.start(b, asShipped ? launch.asShipped() : launch, maxOutboundBytes, runName);
        }
        if (spec instanceof TargetSpec.Cluster c) {
            return ClusterTarget.start(c.backend(), c.nodes(), launch, maxOutboundBytes, runName);
        }
        if (spec instanceof TargetSpec.Redis r) {
            return r.started() ? RedisTarget.start(launch, maxOutboundBytes, runName)
                    : RedisTarget.external(r.host(), r.port());
        }
        TargetSpec.Line l = (TargetSpec.Line) spec;
        return new LineTarget(l.host(), l.port());
    }
}
