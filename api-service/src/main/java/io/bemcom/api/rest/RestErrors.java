package io.bemcom.api.rest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import io.bemcom.api.config.ApiSettings;
import io.bemcom.api.json.DrfFields;
import io.bemcom.api.json.InvalidInput;
import io.bemcom.api.json.Json;
import io.bemcom.protocol.ingest.DatabaseFailure;

/** Every error as JSON in the original's shapes; unexpected failures are 500 {@code {"detail": ...}}, never HTML. */
@RestControllerAdvice
public class RestErrors {

    private static final Logger log = LoggerFactory.getLogger(RestErrors.class);
    /** The answer while the database cannot be reached. */
    public static final tools.jackson.databind.JsonNode DATABASE_UNAVAILABLE =
            Json.detail("The database is not available at the moment; try again later.");

    private final ApiSettings settings;

    public RestErrors(ApiSettings settings) {
        this.settings = settings;
    }

    /**
     * The body of an error that no controller answered (Tomcat refused the request, a protected
     * folder, a method no servlet allows): the REST API's format with the original's messages
     * where it has them. {@code reason} is Tomcat's (may be null).
     */
    public static tools.jackson.databind.JsonNode forStatus(int status, String method, String reason) {
        String detail = switch (status) {
            case 400 -> reason == null || reason.isBlank() ? "Bad request." : "Bad request: " + reason;
            case 401 -> "Authentication credentials were not provided.";
            case 403 -> "You do not have permission to perform this action.";
            case 404 -> "Not found.";
            case 405 -> "Method \"" + method + "\" not allowed.";
            case 503 -> "Service unavailable.";
            default -> {
                org.springframework.http.HttpStatus known = org.springframework.http.HttpStatus.resolve(status);
                yield status >= 500 || known == null ? "Internal server error." : known.getReasonPhrase() + ".";
            }
        };
        return Json.detail(detail);
    }

    @ExceptionHandler(ApiException.class)
    public ResponseEntity<String> api(ApiException e) {
        return JsonResponses.response(e.status(), e.body());
    }

    /** Input a domain service refused: 400 with its field errors. */
    @ExceptionHandler(InvalidInput.class)
    public ResponseEntity<String> invalid(InvalidInput e) {
        return JsonResponses.response(400, e.errors());
    }

    @ExceptionHandler({NoResourceFoundException.class, MethodArgumentTypeMismatchException.class})
    public ResponseEntity<String> notFound(Exception e) {
        return JsonResponses.response(404, forStatus(404, null, null));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<String> method(HttpRequestMethodNotSupportedException e) {
        return JsonResponses.response(405, forStatus(405, e.getMethod(), null));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    public ResponseEntity<String> missing(MissingServletRequestParameterException e) {
        return JsonResponses.response(400, Json.object().set(e.getParameterName(), Json.messages(DrfFields.REQUIRED)));
    }

    /**
     * Database failures: refused data (a limit or constraint no check caught before) is the
     * client's input, 400; an unreachable or busy database is 503; anything else is unexpected.
     */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<String> unexpected(Exception e) {
        DatabaseFailure failure = DatabaseFailure.of(e);
        if (failure == DatabaseFailure.REFUSED_DATA) {
            log.warn("The database refused the data of a request: {}", DatabaseFailure.reason(e));
            return JsonResponses.response(400, Json.detail("The database refused the data: " + DatabaseFailure.reason(e)));
        }
        if (failure == DatabaseFailure.UNAVAILABLE) {
            return JsonResponses.response(503, DATABASE_UNAVAILABLE);
        }
        log.error("Unexpected error while serving a request", e);
        String message = settings.debug() ? "Internal server error: " + e : "Internal server error.";
        return JsonResponses.response(500, Json.detail(message));
    }
}
