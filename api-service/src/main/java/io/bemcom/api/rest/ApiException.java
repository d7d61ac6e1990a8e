package io.bemcom.api.rest;

import io.bemcom.api.json.Json;
import tools.jackson.databind.JsonNode;

/** Ends a request with {@code status} and a JSON body in the original's error shapes. */
public class ApiException extends RuntimeException {

    private final int status;
    private final transient JsonNode body;

    public ApiException(int status, JsonNode body) {
        super(body.toString(), null, false, false);
        this.status = status;
        this.body = body;
    }

    public static ApiException notFound() {
        return new ApiException(404, Json.detail("Not found."));
    }

    public static ApiException badRequest(JsonNode body) {
        return new ApiException(400, body);
    }

    public int status() {
        return status;
    }

    public JsonNode body() {
        return body;
    }
}
