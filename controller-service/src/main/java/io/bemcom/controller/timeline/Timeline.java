package io.bemcom.controller.timeline;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The items of the latest setpoint or schedule message on one topic, and which of them is in
 * force at any moment. Immutable; a new message makes a new timeline with {@link #next}.
 *
 * <p>Semantics kept from the original (its tests assert them): an item whose end has passed on
 * receipt is ignored; an item without a start or with a past start applies at once; a future item
 * applies at its start; a new message cancels the pending items of the previous one, but the
 * item in force when it arrives stays in force until an item of the new message starts (so an
 * empty list changes nothing that is in force).
 *
 * <p>What we fix: items end at their {@code to_timestamp} (the original never expired them), and
 * the item in force is computed from the message rather than from the order in which timers
 * fired, so when a shorter item ends the longer one it interrupted is in force again.
 *
 * @param items       the message's items in {@link ItemOrder}
 * @param receivedAt  when the message arrived (ms, UTC)
 * @param carriedOver the item in force when the message arrived, or {@code null}
 * @param <T>         what an item asks for
 */
public record Timeline<T>(List<TimedItem<T>> items, long receivedAt, TimedItem<T> carriedOver) {

    public Timeline {
        items = ItemOrder.sorted(items);
    }

    /** Nothing in force, nothing pending. */
    public static <T> Timeline<T> empty(long now) {
        return new Timeline<>(List.of(), now, null);
    }

    /** The timeline after a message with {@code newItems} arrives at {@code now}. */
    public Timeline<T> next(List<TimedItem<T>> newItems, long now) {
        return new Timeline<>(newItems, now, inForceAt(now).orElse(null));
    }

    /** The item in force at {@code now} (not before {@link #receivedAt()}). */
    public Optional<TimedItem<T>> inForceAt(long now) {
        TimedItem<T> winner = null;
        for (TimedItem<T> item : items) {
            if (item.period().covers(now)) {
                winner = item;
            }
        }
        if (winner != null) {
            return Optional.of(winner);
        }
        if (carriedOver != null && now < replacedAt() && !carriedOver.period().endedAt(now)) {
            return Optional.of(carriedOver);
        }
        return Optional.empty();
    }

    /** What the item in force at {@code now} asks for, if any. */
    public Optional<T> contentAt(long now) {
        return inForceAt(now).map(TimedItem::content);
    }

    /** The next moment after {@code now} at which the item in force may change. */
    public OptionalLong nextChangeAfter(long now) {
        OptionalLong next = OptionalLong.empty();
        for (TimedItem<T> item : items) {
            next = earliest(next, item.period().nextBoundaryAfter(now));
        }
        if (carriedOver != null && now < replacedAt()) {
            next = earliest(next, carriedOver.period().nextBoundaryAfter(now));
        }
        return next;
    }

    /** When the first item of this message comes into force; the carried-over item ends then. */
    private long replacedAt() {
        long first = Long.MAX_VALUE;
        for (TimedItem<T> item : items) {
            OptionalLong start = item.period().firstInForce(receivedAt);
            if (start.isPresent()) {
                first = Math.min(first, start.getAsLong());
            }
        }
        return first;
    }

    private static OptionalLong earliest(OptionalLong a, OptionalLong b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return OptionalLong.of(Math.min(a.getAsLong(), b.getAsLong()));
    }
}
