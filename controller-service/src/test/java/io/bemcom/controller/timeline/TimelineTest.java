package io.bemcom.controller.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class TimelineTest {

    private static final long NOW = 1_580_000_000_000L;

    private static TimedItem<String> item(Long from, Long to, String content) {
        return new TimedItem<>(new Period(from, to), content);
    }

    private static Timeline<String> received(long at, List<TimedItem<String>> items) {
        return Timeline.<String>empty(at).next(items, at);
    }

    @Test
    void appliesAnItemWithoutStartAtOnce() {
        Timeline<String> timeline = received(NOW, List.of(item(null, null, "A")));

        assertThat(timeline.contentAt(NOW)).contains("A");
        assertThat(timeline.nextChangeAfter(NOW)).isEmpty();
    }

    @Test
    void appliesAnItemThatStartedInThePastAtOnce() {
        assertThat(received(NOW, List.of(item(NOW - 1, null, "A"))).contentAt(NOW)).contains("A");
    }

    @Test
    void ignoresAnItemThatEndedBeforeItArrived() {
        assertThat(received(NOW, List.of(item(NOW - 3, NOW - 2, "A"))).contentAt(NOW)).isEmpty();
        assertThat(received(NOW, List.of(item(null, NOW, "A"))).contentAt(NOW)).isEmpty();
    }

    @Test
    void appliesAFutureItemAtItsStart() {
        Timeline<String> timeline = received(NOW, List.of(item(NOW + 200, null, "A")));

        assertThat(timeline.contentAt(NOW + 199)).isEmpty();
        assertThat(timeline.nextChangeAfter(NOW)).hasValue(NOW + 200);
        assertThat(timeline.contentAt(NOW + 200)).contains("A");
    }

    @Test
    void endsAnItemAtItsEnd() {
        // The original never expired an applied item.
        Timeline<String> timeline = received(NOW, List.of(item(null, NOW + 200, "A")));

        assertThat(timeline.contentAt(NOW + 199)).contains("A");
        assertThat(timeline.nextChangeAfter(NOW)).hasValue(NOW + 200);
        assertThat(timeline.contentAt(NOW + 200)).isEmpty();
        assertThat(timeline.nextChangeAfter(NOW + 200)).isEmpty();
    }

    @Test
    void handsOverFromItemToItem() {
        Timeline<String> timeline = received(NOW, List.of(item(null, NOW + 200, "24"),
                item(NOW + 200, NOW + 400, "25"), item(NOW + 400, null, "26")));

        assertThat(timeline.contentAt(NOW)).contains("24");
        assertThat(timeline.contentAt(NOW + 200)).contains("25");
        assertThat(timeline.nextChangeAfter(NOW + 200)).hasValue(NOW + 400);
        assertThat(timeline.contentAt(NOW + 400)).contains("26");
    }

    @Test
    void letsTheItemThatStartedLastWinAndResumesTheEarlierOneWhenItEnds() {
        // The original published B, then A, and kept A: its sort put open-ended items last.
        Timeline<String> timeline = received(250, List.of(item(100L, null, "A"), item(200L, 300L, "B")));

        assertThat(timeline.contentAt(250)).contains("B");
        assertThat(timeline.nextChangeAfter(250)).hasValue(300);
        assertThat(timeline.contentAt(300)).contains("A");
    }

    @Test
    void keepsTheItemInForceWhenANewMessageHasNothingInForceYet() {
        Timeline<String> first = received(NOW, List.of(item(null, null, "old")));
        Timeline<String> second = first.next(List.of(item(NOW + 100, NOW + 200, "new")), NOW + 10);

        assertThat(second.contentAt(NOW + 10)).contains("old");
        assertThat(second.contentAt(NOW + 100)).contains("new");
        // Replaced for good: when the new item ends, the old one does not come back.
        assertThat(second.contentAt(NOW + 200)).isEmpty();
    }

    @Test
    void keepsTheItemInForceAfterAnEmptyListButCancelsThePendingOnes() {
        Timeline<String> first = received(NOW, List.of(item(null, NOW + 200, "27"), item(NOW + 200, null, "28")));
        Timeline<String> emptied = first.next(List.of(), NOW + 50);

        assertThat(emptied.contentAt(NOW + 50)).contains("27");
        assertThat(emptied.contentAt(NOW + 250)).isEmpty();
        assertThat(emptied.nextChangeAfter(NOW + 50)).hasValue(NOW + 200);
    }

    @Test
    void aNewMessageWithOnlyPastItemsKeepsTheItemInForce() {
        Timeline<String> first = received(NOW, List.of(item(NOW - 1, null, "22")));
        Timeline<String> second = first.next(List.of(item(NOW - 3, NOW - 2, "23")), NOW);

        assertThat(second.contentAt(NOW)).contains("22");
        assertThat(second.contentAt(NOW + 1_000_000)).contains("22");
    }

    @Test
    void anItemOfTheNewMessageInForceReplacesTheOldOneAtOnce() {
        Timeline<String> first = received(NOW, List.of(item(null, null, "old")));
        Timeline<String> second = first.next(List.of(item(null, NOW + 100, "new")), NOW + 10);

        assertThat(second.contentAt(NOW + 10)).contains("new");
        assertThat(second.contentAt(NOW + 100)).isEmpty();
    }

    @Test
    void theOldItemStillEndsAtItsOwnEndWhileCarriedOver() {
        Timeline<String> first = received(NOW, List.of(item(null, NOW + 50, "old")));
        Timeline<String> second = first.next(List.of(item(NOW + 100, null, "new")), NOW + 10);

        assertThat(second.contentAt(NOW + 49)).contains("old");
        assertThat(second.nextChangeAfter(NOW + 10)).hasValue(NOW + 50);
        assertThat(second.contentAt(NOW + 50)).isEmpty();
        assertThat(second.contentAt(NOW + 100)).contains("new");
    }

    @Test
    void anEmptyTimelineHasNothingInForce() {
        assertThat(Timeline.<String>empty(NOW).contentAt(NOW)).isEmpty();
        assertThat(Timeline.<String>empty(NOW).nextChangeAfter(NOW)).isEmpty();
    }

    @Test
    void anItemThatEndsBeforeItStartsIsNeverInForce() {
        Timeline<String> timeline = received(NOW, List.of(item(NOW + 200, NOW + 100, "A")));

        assertThat(timeline.contentAt(NOW + 150)).isEmpty();
        assertThat(timeline.contentAt(NOW + 250)).isEmpty();
    }
}
