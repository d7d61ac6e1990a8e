package io.bemcom.api.admin;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

import jakarta.servlet.http.HttpServletResponse;

/** The admin UI answers in HTML (the REST API's JSON errors stay for the REST routes). */
@ControllerAdvice(basePackageClasses = AdminErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AdminErrors {

    @ExceptionHandler(AdminAccess.Forbidden.class)
    public ModelAndView forbidden(AdminAccess.Forbidden e, HttpServletResponse response) {
        response.setStatus(403);
        return error("403 Forbidden", e.getMessage());
    }

    @ExceptionHandler(AdminAccess.NotFound.class)
    public ModelAndView notFound(AdminAccess.NotFound e, HttpServletResponse response) {
        response.setStatus(404);
        return error("404 Not found", e.getMessage());
    }

    private static ModelAndView error(String title, String message) {
        ModelAndView view = new ModelAndView("admin/error");
        view.addObject("title", title);
        view.addObject("message", message);
        return view;
    }
}
