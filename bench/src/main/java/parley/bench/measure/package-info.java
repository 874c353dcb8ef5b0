/**
 * What a run measured: latencies, loss and order, and the load generator's own CPU.
 *
 * <pre>
 *  load-generator thread (one per selector)          after the run (threads joined)
 *  ----------------------------------------          ------------------------------
 *  receipt: now - intended send time  -----&gt;  LatencyRecorder (own per thread) --add--&gt; merged percentiles
 *  receipt: (sender, seq)             -----&gt;  SequenceChecker (own per receiver) -----&gt; lost, reordered
 *  process CPU before / after         -----&gt;  CpuMeter -----------------------------&gt; load-gen CPU seconds
 * </pre>
 *
 * Nothing here is shared between threads while a run goes; results are read only after the threads that
 * wrote them have been joined.
 */
package parley.bench.measure;
