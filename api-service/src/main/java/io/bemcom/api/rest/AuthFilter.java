package io.bemcom.api.rest;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.bemcom.api.config.ApiSettings;
import io.bemcom.api.json.Json;
import io.bemcom.api.security.Authenticator;
import io.bemcom.protocol.ingest.DatabaseFailure;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The gate in front of every route, in the original's order: host check (DJANGO_ALLOWED_HOSTS),
 * route exists (404, or 301 to the slash form), content negotiation (406, or 404 for an unknown
 * {@code ?format=}), authentication (401), model permission (403), method allowed (405). Swagger UI
 * assets are public.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class AuthFilter extends OncePerRequestFilter {

    private static final List<String> PUBLIC_PREFIXES = List.of("/swagger-ui/", // Swagger UI's assets
            "/admin", // the admin UI: session login and its own gate (io.bemcom.api.admin.AdminSessionFilter)
            "/actuator/health"); // liveness and readiness, for orchestrators and the local runner

    /** The request attribute holding the authenticated {@link Authenticator.Principal} (absent: anonymous). */
    public static final String PRINCIPAL = AuthFilter.class.getName() + ".principal";

    private final ApiSettings settings;
    private final Routes routes;
    private final Authenticator authenticator;

    public AuthFilter(ApiSettings settings, Authenticator authenticator) {
        this.settings = settings;
        this.routes = new Routes(settings);
        this.authenticator = authenticator;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!hostAllowed(request.getServerName())) {
            write(response, 400, Json.detail("Invalid HTTP_HOST header: '" + request.getServerName()
                    + "'. You may need to add it to DJANGO_ALLOWED_HOSTS."));
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.isEmpty()) {
            path = "/";
        }
        if (PUBLIC_PREFIXES.stream().anyMatch(path::startsWith)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Routes.Route> route = routes.match(path);
        if (route.isEmpty()) {
            if (!path.endsWith("/") && routes.match(path + "/").isPresent()) {
                String query = request.getQueryString();
                response.setStatus(301);
                response.setHeader("Location", request.getContextPath() + path + "/" + (query == null ? "" : "?" + query));
                return;
            }
            write(response, 404, Json.detail("Not found."));
            return;
        }
        try {
            request.setAttribute(ContentNegotiation.CHOSEN, ContentNegotiation.select(route.get().renderers(),
                    queryParameter(request, "format"), request.getHeader("Accept")));
        } catch (ApiException e) {
            write(response, e.status(), e.body());
            return;
        }
        Authenticator.Outcome outcome;
        try {
            outcome = authenticator.authenticate(request.getHeader("Authorization"), request.getRemoteAddr());
        } catch (RuntimeException e) {
            if (DatabaseFailure.of(e) != DatabaseFailure.UNAVAILABLE) {
                throw e;
            }
            write(response, 503, RestErrors.DATABASE_UNAVAILABLE);
            return;
        }
        if (outcome.lockedOut()) {
            response.setHeader("Retry-After", Long.toString(outcome.retryAfterSeconds()));
            write(response, 429, Json.detail(outcome.failure()));
            return;
        }
        if (outcome.failure() != null) {
            unauthorized(response, outcome.failure());
            return;
        }
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        if (!route.get().isPublic()) {
            if (outcome.anonymous()) {
                unauthorized(response, "Authentication credentials were not provided.");
                return;
            }
            List<String> needed = Routes.permissions(route.get(), method);
            if (!needed.stream().allMatch(outcome.principal()::has)) {
                write(response, 403, Json.detail("You do not have permission to perform this action."));
                return;
            }
        }
        TreeSet<String> allowed = new TreeSet<>(route.get().methods());
        if (allowed.contains("GET")) {
            allowed.add("HEAD");
        }
        allowed.add("OPTIONS");
        if (method.equals("OPTIONS")) {
            response.setHeader("Allow", String.join(", ", allowed));
            write(response, 200, Json.object());
            return;
        }
        if (!allowed.contains(method)) {
            response.setHeader("Allow", String.join(", ", allowed));
            write(response, 405, Json.detail("Method \"" + method + "\" not allowed."));
            return;
        }
        if (outcome.principal() != null) {
            request.setAttribute("bemcom.user", outcome.principal().username());
            request.setAttribute(PRINCIPAL, outcome.principal());
        }
        chain.doFilter(request, response);
    }

    /**
     * The last value of a query-string parameter (not of a form body, which only the route reads:
     * {@code getParameter} would consume it).
     */
    private static String queryParameter(HttpServletRequest request, String name) {
        List<String> values = request.getQueryString() == null ? List.of()
                : RequestBodies.urlencodedFields(request.getQueryString()).getOrDefault(name, List.of());
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }

    /** Django's ALLOWED_HOSTS rules: {@code *}, exact names, and {@code .example.com} for a domain and its subdomains. */
    boolean hostAllowed(String host) {
        String name = host == null ? "" : host.toLowerCase(Locale.ROOT);
        for (String pattern : settings.allowedHosts()) {
            String allowed = pattern.toLowerCase(Locale.ROOT);
            if (allowed.equals("*") || allowed.equals(name)
                    || (allowed.startsWith(".") && (name.endsWith(allowed) || name.equals(allowed.substring(1))))) {
                return true;
            }
        }
        return false;
    }

    private static void unauthorized(HttpServletResponse response, String message) throws IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"api\"");
        write(response, 401, Json.detail(message));
    }

    private static void write(HttpServletResponse response, int status, tools.jackson.databind.JsonNode body)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(Json.write(body));
    }
}
