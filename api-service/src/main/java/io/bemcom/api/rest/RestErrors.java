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

    @ExceptionHandler(ApiException.class)
    public ResponseEntity<String> api(ApiException e) {
        return Json.response(e.status(), e.body());
    }

    @ExceptionHandler({NoResourceFoundException.class, MethodArgumentTypeMismatchException.class})
    public ResponseEntity<String> notFound(Exception e) {
        return Json.response(404, Json.detail("Not found."));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<String> method(HttpRequestMethodNotSupportedException e) {
        return Json.response(405, Json.detail("Method \"" + e.getMethod() + "\" not allowed."));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    public ResponseEntity<String> missing(MissingServletRequestParameterException e) {
        return Json.response(400, Json.object().set(e.getParameterName(), Json.messages(Fields.REQUIRED)));
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
            return Json.response(400, Json.detail("The database refused the data: " + DatabaseFailure.reason(e)));
        }
        if (failure == DatabaseFailure.UNAVAILABLE) {
            return Json.response(503, DATABASE_UNAVAILABLE);
        }
        log.error("Unexpected error while serving a request", e);
        String message = settings.debug() ? "Internal server error: " + e : "Internal server error.";
        return Json.response(500, Json.detail(message));
    }
}
