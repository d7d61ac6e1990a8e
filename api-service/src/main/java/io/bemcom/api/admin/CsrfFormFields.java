package io.bemcom.api.admin;

import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.RequestDataValueProcessor;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * Adds the hidden {@code _csrf} field to every form Thymeleaf renders with {@code th:action}
 * (Spring MVC looks this bean up by its name), so no admin template can forget it.
 */
@Component("requestDataValueProcessor")
public class CsrfFormFields implements RequestDataValueProcessor {

    @Override
    public String processAction(HttpServletRequest request, String action, String httpMethod) {
        return action;
    }

    @Override
    public String processFormFieldValue(HttpServletRequest request, String name, String value, String type) {
        return value;
    }

    @Override
    public Map<String, String> getExtraHiddenFields(HttpServletRequest request) {
        String path = AdminSessionFilter.path(request);
        if (!path.startsWith("/admin/")) {
            return Map.of();
        }
        HttpSession session = request.getSession();
        return Map.of(AdminSession.CSRF_PARAMETER, AdminSession.csrfToken(session));
    }

    @Override
    public String processUrl(HttpServletRequest request, String url) {
        return url;
    }
}
