package io.bemcom.api.admin;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.bemcom.api.config.ApiSettings;
import io.bemcom.api.security.Authenticator.Principal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The one place where admin routes are checked: the {@link AdminPermission} of the handler, against
 * the principal that {@link AdminSessionFilter} loaded for this request. Refusals become the admin's
 * 404 and 403 pages ({@link AdminErrors}).
 */
@Configuration
public class AdminAccessInterceptor implements HandlerInterceptor, WebMvcConfigurer {

    private final ApiSettings settings;

    public AdminAccessInterceptor(ApiSettings settings) {
        this.settings = settings;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/admin/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        AdminPermission needed = method.getMethodAnnotation(AdminPermission.class);
        if (needed == null) {
            return true;
        }
        for (AdminPermission.Needs flags : needed.needs()) {
            if (!flags.isOn(settings)) {
                throw new AdminAccess.NotFound(flags.page());
            }
        }
        Principal principal = (Principal) request.getAttribute(AdminSession.PRINCIPAL);
        for (String codename : needed.value()) {
            AdminAccess.require(principal, codename);
        }
        return true;
    }
}
