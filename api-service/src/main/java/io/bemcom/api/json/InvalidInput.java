package io.bemcom.api.json;

import tools.jackson.databind.JsonNode;

/**
 * Input a domain service refuses, with the field errors in the original's shape (DRF's:
 * {@code {"field": ["message"]}}, a list of those for a list of items). The REST API answers it with
 * 400 and these errors as the body.
 */
public class InvalidInput extends RuntimeException {

    private final transient JsonNode errors;

    public InvalidInput(JsonNode errors) {
        super(errors.toString(), null, false, false);
        this.errors = errors;
    }

    public JsonNode errors() {
        return errors;
    }
}
