package io.bemcom.api.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.bemcom.api.history.TimeFilter;
import io.bemcom.api.json.Json;
import tools.jackson.databind.node.ObjectNode;

/** The original's query filters (django-filter): number parsing and its error shape {@code {"param": ["Enter a number."]}}. */
final class QueryParams {

    static final String ENTER_A_NUMBER = "Enter a number.";

    private final Map<String, String> params;
    private final ObjectNode errors = Json.object();

    QueryParams(Map<String, String> params) {
        this.params = params;
    }

    String text(String name) {
        String value = params.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    Double number(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            double number = Double.parseDouble(value.strip());
            if (!Double.isFinite(number)) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            errors.set(name, Json.messages(ENTER_A_NUMBER));
            return null;
        }
    }

    /** A comma-separated list of ids; {@code null} when the parameter is absent. */
    List<Long> ids(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        List<Long> ids = new ArrayList<>();
        for (String part : value.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                ids.add(Long.parseLong(part.strip()));
            } catch (NumberFormatException e) {
                errors.set(name, Json.messages(ENTER_A_NUMBER));
                return null;
            }
        }
        return ids;
    }

    TimeFilter timeFilter() {
        return new TimeFilter(number("timestamp__gte"), number("timestamp__gt"), number("timestamp__lte"),
                number("timestamp__lt"));
    }

    void error(String name, String message) {
        errors.set(name, Json.messages(message));
    }

    /** Ends the request with 400 when any parameter was invalid. */
    void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
    }
}
