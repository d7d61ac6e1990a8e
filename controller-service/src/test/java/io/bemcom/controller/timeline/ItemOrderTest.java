package io.bemcom.controller.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ItemOrderTest {

    private static TimedItem<String> item(Long from, Long to) {
        return new TimedItem<>(new Period(from, to), from + "->" + to);
    }

    @Test
    void sortsItemsAsTheOriginalsSortTestExpects() {
        // test_sort_schedule_setpoint_items (services-and-tools.md §1.11, test 11)
        List<TimedItem<String>> items = List.of(item(12344L, null), item(null, null), item(null, 12334L),
                item(123445L, null));

        assertThat(ItemOrder.sorted(items)).containsExactly(item(null, 12334L), item(null, null),
                item(12344L, null), item(123445L, null));
    }

    @Test
    void ordersByStartTimeWhateverTheEnd() {
        // The original put {100 -> null} after {200 -> 300}.
        List<TimedItem<String>> items = List.of(item(100L, null), item(200L, 300L));

        assertThat(ItemOrder.sorted(items)).containsExactly(item(100L, null), item(200L, 300L));
    }

    @Test
    void putsABoundedItemBeforeAnOpenEndedOneWithTheSameStart() {
        List<TimedItem<String>> items = List.of(item(100L, null), item(100L, 150L));

        assertThat(ItemOrder.sorted(items)).containsExactly(item(100L, 150L), item(100L, null));
    }

    @Test
    void keepsTheMessagesOrderOtherwise() {
        TimedItem<String> first = new TimedItem<>(new Period(5L, 9L), "first");
        TimedItem<String> second = new TimedItem<>(new Period(5L, 7L), "second");

        assertThat(ItemOrder.sorted(List.of(first, second))).containsExactly(first, second);
    }
}
