package io.bemcom.api.admin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

import io.bemcom.protocol.ingest.DatabaseFailure;
import jakarta.servlet.http.HttpServletResponse;

/** The admin UI answers in HTML (the REST API's JSON errors stay for the REST routes). */
@ControllerAdvice(basePackageClasses = AdminErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AdminErrors {

    private static final Logger log = LoggerFactory.getLogger(AdminErrors.class);

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

    /**
     * A database failure behind an admin page: 503 while the database cannot be reached, else an
     * internal error; an HTML page either way, never the REST API's JSON.
     */
    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    public ModelAndView database(RuntimeException e, HttpServletResponse response) {
        if (DatabaseFailure.of(e) == DatabaseFailure.UNAVAILABLE) {
            response.setStatus(503);
            return error("503 Service unavailable", DATABASE_UNAVAILABLE);
        }
        log.error("Unexpected database error on an admin page", e);
        response.setStatus(500);
        return error("500 Internal server error", "The database could not do what was asked: "
                + DatabaseFailure.reason(e));
    }

    /** What an admin page says while the database cannot be reached. */
    static final String DATABASE_UNAVAILABLE = "The database cannot be reached at the moment; try again later.";

    private static ModelAndView error(String title, String message) {
        ModelAndView view = new ModelAndView("admin/error");
        view.addObject("title", title);
        view.addObject("message", message);
        return view;
    }
}
