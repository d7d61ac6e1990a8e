package io.bemcom.api.admin;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.bemcom.api.security.Authenticator;
import io.bemcom.protocol.ingest.DatabaseFailure;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The gate of the admin UI ({@code /admin/…}, under ROOT_PATH). It runs after the REST gate
 * ({@code AuthFilter}, which checks the host and lets {@code /admin} through) and:
 * <ul>
 * <li>serves {@code /admin/assets/…} (CSS, JS) to anyone;</li>
 * <li>refuses every state-changing request whose {@code _csrf} field (or {@code X-CSRF-Token}
 * header) does not match the session's token (403), the login form included;</li>
 * <li>sends requests without a logged-in staff session to the login page;</li>
 * <li>loads the user's permissions afresh for every request, so a change applies at once.</li>
 * </ul>
 * Page-level permissions are checked by the controllers with the REST API's codenames.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class AdminSessionFilter extends OncePerRequestFilter {

    private final Authenticator authenticator;

    public AdminSessionFilter(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        return !(path.equals("/admin") || path.startsWith("/admin/")) || path.startsWith("/admin/assets/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = path(request);
        if (path.equals("/admin")) {
            response.sendRedirect(request.getContextPath() + "/admin/");
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        String method = request.getMethod();
        boolean safe = method.equals("GET") || method.equals("HEAD");
        HttpSession session = request.getSession(!safe || path.equals("/admin/login/"));
        if (!safe && !csrfMatches(request, session)) {
            response.setStatus(403);
            response.setContentType("text/html;charset=UTF-8");
            response.getWriter().write("<!DOCTYPE html><title>403 Forbidden</title><h1>Forbidden (403)</h1>"
                    + "<p>CSRF verification failed. Request aborted. Reload the form and try again.</p>");
            return;
        }
        if (path.equals("/admin/login/")) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Authenticator.Principal> principal = Optional.empty();
        if (session != null && session.getAttribute(AdminSession.USER) instanceof String username) {
            try {
                principal = authenticator.principalOf(username, true);
            } catch (RuntimeException e) {
                if (DatabaseFailure.of(e) != DatabaseFailure.UNAVAILABLE) {
                    throw e;
                }
                response.setStatus(503);
                response.setContentType("text/html;charset=UTF-8");
                response.getWriter().write("<!DOCTYPE html><title>503 Service unavailable</title>"
                        + "<h1>Service unavailable (503)</h1><p>" + AdminErrors.DATABASE_UNAVAILABLE + "</p>");
                return;
            }
        }
        if (principal.isEmpty()) {
            String next = path + (request.getQueryString() == null || !safe ? "" : "?" + request.getQueryString());
            response.sendRedirect(request.getContextPath() + "/admin/login/?next="
                    + URLEncoder.encode(next, StandardCharsets.UTF_8));
            return;
        }
        request.setAttribute(AdminSession.PRINCIPAL, principal.get());
        chain.doFilter(request, response);
    }

    private static boolean csrfMatches(HttpServletRequest request, HttpSession session) {
        if (session == null || session.getAttribute(AdminSession.CSRF) == null) {
            return false;
        }
        String sent = request.getParameter(AdminSession.CSRF_PARAMETER);
        if (sent == null) {
            sent = request.getHeader("X-CSRF-Token");
        }
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                ((String) session.getAttribute(AdminSession.CSRF)).getBytes(StandardCharsets.UTF_8));
    }

    static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
