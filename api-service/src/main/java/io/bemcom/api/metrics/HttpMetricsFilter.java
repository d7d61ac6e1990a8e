package io.bemcom.api.metrics;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A few of the original's django-prometheus counters, for dashboards built on them:
 * {@code django_http_requests_total_by_method_total} and
 * {@code django_http_responses_total_by_status_total}. Spring's own
 * {@code http_server_requests_seconds} histogram is exposed as well.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class HttpMetricsFilter extends OncePerRequestFilter {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public HttpMetricsFilter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String method = request.getMethod();
        counter("django_http_requests_total_by_method", "method", method).increment();
        try {
            chain.doFilter(request, response);
        } finally {
            counter("django_http_responses_total_by_status", "status", Integer.toString(response.getStatus())).increment();
        }
    }

    private Counter counter(String name, String tag, String value) {
        return counters.computeIfAbsent(name + '|' + value,
                k -> Counter.builder(name).tag(tag, value).register(registry));
    }
}
