package io.bemcom.api.admin;

import java.util.Optional;

/** A list filter that names an entity by id ({@code ?connector=7}): only an id as the id prints matches. */
final class IdFilter {

    private IdFilter() {
    }

    /** The id, or empty when {@code text} is not written as an id prints (so nothing matches it). */
    static Optional<Long> parse(String text) {
        try {
            long id = Long.parseLong(text);
            return Long.toString(id).equals(text) ? Optional.of(id) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
