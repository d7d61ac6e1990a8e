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

/** Every error as JSON in the original's shapes; unexpected failures are 500 {@code {"detail": ...}}, never HTML. */
@RestControllerAdvice
public class RestErrors {

    private static final Logger log = LoggerFactory.getLogger(RestErrors.class);

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

    @ExceptionHandler(Exception.class)
    public ResponseEntity<String> unexpected(Exception e) {
        log.error("Unexpected error while serving a request", e);
        String message = settings.debug() ? "Internal server error: " + e : "Internal server error.";
        return Json.response(500, Json.detail(message));
    }
}
