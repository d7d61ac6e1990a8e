package io.bemcom.protocol.mqtt;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Publications made while the broker is away, sent in order after the next connect. Bounded:
 * when full, a publication is refused (the caller counts and logs it), never an older one dropped.
 */
final class OfflineBuffer {

    record Publication(String topic, byte[] payload, int qos, boolean retained) {
    }

    private final int capacity;
    private final Deque<Publication> queue = new ArrayDeque<>();

    OfflineBuffer(int capacity) {
        this.capacity = capacity;
    }

    /** Adds unless full; must be called holding this buffer's lock together with the state check. */
    boolean offer(Publication publication) {
        if (queue.size() >= capacity) {
            return false;
        }
        queue.addLast(publication);
        return true;
    }

    Publication poll() {
        return queue.pollFirst();
    }

    int size() {
        return queue.size();
    }
}
