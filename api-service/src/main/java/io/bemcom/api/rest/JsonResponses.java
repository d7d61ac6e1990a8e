package io.bemcom.api.rest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import io.bemcom.api.json.Json;
import tools.jackson.databind.JsonNode;

/** REST answers with a JSON body written by the protocol's codec rules (bodies read: {@link RequestBodies}). */
public final class JsonResponses {

    private JsonResponses() {
    }

    public static ResponseEntity<String> response(int status, JsonNode body) {
        return ResponseEntity.status(HttpStatus.valueOf(status)).contentType(MediaType.APPLICATION_JSON)
                .body(Json.write(body));
    }

    public static ResponseEntity<String> ok(JsonNode body) {
        return response(200, body);
    }
}
