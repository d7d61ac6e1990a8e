package io.bemcom.api.rest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Where the servlet container sends an error no controller answered ({@code /error}, e.g. 404 for
 * {@code /WEB-INF/...}, 405 for TRACE): the REST API's JSON instead of Spring Boot's default body
 * ({@code {"timestamp": ..., "status": ..., "error": ...}}).
 */
@RestController
public class ErrorEndpoint implements ErrorController {

    @RequestMapping("/error")
    public ResponseEntity<String> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number && number >= 400 ? number : 500;
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        // The error dispatch itself is a GET; the method of the refused request is an attribute.
        Object method = request.getAttribute(RequestDispatcher.ERROR_METHOD);
        return JsonResponses.response(status, RestErrors.forStatus(status, method instanceof String name ? name
                : request.getMethod(), status == 400 && message instanceof String text ? text : null));
    }
}
