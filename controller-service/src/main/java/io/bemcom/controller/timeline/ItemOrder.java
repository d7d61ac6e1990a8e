package io.bemcom.controller.timeline;

import java.util.Comparator;
import java.util.List;

/**
 * The order in which the items of one message are applied; of the items in force at the same
 * time, the last in this order wins.
 *
 * <ol>
 *   <li>items that start "now" ({@code from_timestamp} null) before items with a start time,</li>
 *   <li>then by start time,</li>
 *   <li>on the same start, an item with an end before an open-ended one,</li>
 *   <li>else the order of the message (the sort is stable).</li>
 * </ol>
 *
 * <p>The original sorted by {@code (from is not None, to is None, from)}, which orders an
 * open-ended item after every bounded one whatever their start times: of
 * {@code [{from 100, to null, A}, {from 200, to 300, B}]} at 250 it applied B and then A, so the
 * older item won. Here the item that started last wins (B), and A takes over again when B ends.
 * Both orders agree on the original's sort test (services-and-tools.md §1.11, test 11).
 */
public final class ItemOrder {

    private static final Comparator<Period> PERIODS = Comparator
            .comparing((Period period) -> period.from() != null)
            .thenComparing(Period::from, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(period -> period.to() == null);

    private ItemOrder() {
    }

    public static Comparator<Period> periods() {
        return PERIODS;
    }

    public static <T> List<TimedItem<T>> sorted(List<TimedItem<T>> items) {
        return items.stream().sorted(Comparator.comparing(TimedItem::period, PERIODS)).toList();
    }
}
