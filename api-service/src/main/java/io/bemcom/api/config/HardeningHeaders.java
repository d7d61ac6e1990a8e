package io.bemcom.api.config;

import java.io.IOException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The headers the original's Django middleware puts on every response (SecurityMiddleware:
 * {@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy: same-origin};
 * XFrameOptionsMiddleware: {@code X-Frame-Options: DENY}): REST answers, the schema, Swagger UI,
 * the admin UI and its assets, and the error pages of {@code rest.JsonErrorReportValve}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class HardeningHeaders extends OncePerRequestFilter {

    /** Sets the three headers on {@code response} (replacing any earlier value). */
    public static void apply(HttpServletResponse response) {
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
    }

    /** Also the error pages the container dispatches to ({@code /error}: TRACE, {@code /WEB-INF/…}). */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        apply(response);
        chain.doFilter(request, response);
    }
}
