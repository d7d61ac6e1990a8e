package io.bemcom.protocol.mqtt;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Publications that wait to be handed to Paho: those made while the broker is away, and those a
 * clean session's Paho client forgot unacknowledged when the connection ended. Sent in order after
 * the next connect. Bounded for new publications: when full, a publication is refused (the caller
 * counts and logs it), never an older one dropped.
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

    /**
     * Puts publications that were accepted before (and not acknowledged) at the head, in their
     * order, whatever the capacity: they were counted in when they were accepted.
     */
    void requeueFirst(List<Publication> publications) {
        for (int i = publications.size() - 1; i >= 0; i--) {
            queue.addFirst(publications.get(i));
        }
    }

    /** Puts one publication back at the head (it could not be sent after all). */
    void requeueFirst(Publication publication) {
        queue.addFirst(publication);
    }

    Publication poll() {
        return queue.pollFirst();
    }

    int size() {
        return queue.size();
    }

    /** Empties the buffer and returns what it held, oldest first. */
    List<Publication> takeAll() {
        List<Publication> all = List.copyOf(queue);
        queue.clear();
        return all;
    }
}
