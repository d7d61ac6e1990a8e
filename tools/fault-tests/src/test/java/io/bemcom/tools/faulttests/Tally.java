package io.bemcom.tools.faulttests;

import java.time.Duration;
import java.util.BitSet;

/**
 * Counts sent against stored message numbers: waits until every accepted number is stored, or until
 * nothing more has arrived for {@link #QUIET}, then makes the report.
 */
final class Tally {

    /** How long the count may stand still before the test gives up waiting. */
    static final Duration QUIET = Duration.ofMinutes(1);

    /** What the service has stored so far: message numbers, and how many were written more than once (-1: unknown). */
    record Stored(BitSet numbers, int duplicated) {
    }

    @FunctionalInterface
    interface StoredSource {
        Stored read() throws Exception;
    }

    private Tally() {
    }

    static FaultReport await(String scenario, SteadyPublisher publisher, StoredSource source, long startedNanos,
                             String note) throws Exception {
        BitSet accepted = publisher.accepted();
        Stored stored = source.read();
        long lastProgress = System.nanoTime();
        int lastCount = stored.numbers().cardinality();
        while (missing(accepted, stored.numbers()).cardinality() > 0
                && System.nanoTime() - lastProgress < QUIET.toNanos()) {
            Thread.sleep(1_000);
            stored = source.read();
            if (stored.numbers().cardinality() != lastCount) {
                lastCount = stored.numbers().cardinality();
                lastProgress = System.nanoTime();
            }
        }
        BitSet lost = missing(accepted, stored.numbers());
        BitSet storedAccepted = (BitSet) stored.numbers().clone();
        storedAccepted.and(accepted);
        return new FaultReport(scenario, accepted.cardinality(), storedAccepted.cardinality(), lost.cardinality(),
                stored.duplicated(), Duration.ofNanos(System.nanoTime() - startedNanos),
                note + (lost.isEmpty() ? "" : "; first lost: " + lost.stream().limit(10).boxed().toList()), lost).print();
    }

    private static BitSet missing(BitSet accepted, BitSet stored) {
        BitSet missing = (BitSet) accepted.clone();
        missing.andNot(stored);
        return missing;
    }
}
