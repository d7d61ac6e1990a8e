package io.bemcom.controller.timeline;

import java.util.OptionalLong;

/**
 * When an item of a setpoint or schedule is in force: from {@code from} (inclusive) until
 * {@code to} (exclusive), both in ms since the epoch, UTC.
 *
 * @param from {@code null} = from the moment the message arrives
 * @param to   {@code null} = until replaced
 */
public record Period(Long from, Long to) {

    public static final Period ALWAYS = new Period(null, null);

    /** In force at {@code now}. The original skips an item once {@code to <= now}. */
    public boolean covers(long now) {
        return (from == null || from <= now) && (to == null || now < to);
    }

    /** Has ended at {@code now} (a {@code to} that is not after {@code now}). */
    public boolean endedAt(long now) {
        return to != null && to <= now;
    }

    /**
     * The moment it first comes into force for a message that arrived at {@code receivedAt};
     * empty when it never does (it ends before, or is empty: {@code from >= to}).
     */
    public OptionalLong firstInForce(long receivedAt) {
        long start = from == null ? receivedAt : Math.max(from, receivedAt);
        return to != null && to <= start ? OptionalLong.empty() : OptionalLong.of(start);
    }

    /** The earliest of its bounds after {@code now}, where the item starts or stops. */
    public OptionalLong nextBoundaryAfter(long now) {
        if (from != null && from > now) {
            return OptionalLong.of(from);
        }
        if (to != null && to > now) {
            return OptionalLong.of(to);
        }
        return OptionalLong.empty();
    }
}
