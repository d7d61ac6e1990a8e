package io.bemcom.api.admin;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Any other page under {@code /admin/} (its assets excepted): the admin's own 404 page, where the
 * REST API would answer with JSON. Every real admin page has a more specific mapping.
 */
@Controller
class AdminNotFoundPage {

    @GetMapping("/admin/{section:(?!assets$).+}/**")
    void unknownPage(HttpServletRequest request) {
        throw new AdminAccess.NotFound("The page " + request.getRequestURI());
    }
}
