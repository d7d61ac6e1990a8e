package io.bemcom.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Every admin route declares what it needs ({@link AdminPermission}), so that the access check in
 * {@link AdminAccessInterceptor} covers it; only the login pages and the "no such page" answers need
 * nothing but a session. Reflection only, no Spring context.
 */
class AdminPermissionsTest {

    private static final List<Class<?>> PAGES = List.of(AdminLogPages.class, ConnectorAdminPages.class,
            ControllerAdminPages.class, DatapointAdminPages.class, MonitoringAdminPages.class, UserAdminPages.class,
            LoginPage.class, AdminNotFoundPage.class, MqttMonitorPages.class, LiveAdminPages.class);
    private static final Set<String> OPEN = Set.of("LoginPage.loginPage", "LoginPage.login", "LoginPage.logout",
            "AdminLogPages.index", "AdminNotFoundPage.unknownPage", "MonitoringAdminPages.otherHistory",
            "MqttMonitorPages.page", "MqttMonitorPages.events"); // staff only, no model permission
    /** Routes whose codename depends on the request; the handler checks it. */
    private static final Set<String> CHECKED_BY_HANDLER = Set.of("ControllerAdminPages.changeLink", "AdminLogPages.history");

    @Test
    void everyAdminRouteDeclaresItsPermissions() {
        List<String> undeclared = new ArrayList<>();
        List<String> open = new ArrayList<>();
        for (Class<?> page : PAGES) {
            for (Method method : page.getDeclaredMethods()) {
                if (!method.isAnnotationPresent(GetMapping.class) && !method.isAnnotationPresent(PostMapping.class)) {
                    continue;
                }
                String name = page.getSimpleName() + "." + method.getName();
                if (method.isAnnotationPresent(AdminPermission.class)) {
                    String[] codenames = method.getAnnotation(AdminPermission.class).value();
                    assertThat(codenames).as(name).allMatch(AdminAccess.allCodenames()::contains);
                    assertThat(codenames.length == 0).as("%s leaves the check to the handler", name)
                            .isEqualTo(CHECKED_BY_HANDLER.contains(name));
                } else if (OPEN.contains(name)) {
                    open.add(name);
                } else {
                    undeclared.add(name);
                }
            }
        }
        assertThat(undeclared).as("admin routes without @AdminPermission").isEmpty();
        assertThat(open).containsExactlyInAnyOrderElementsOf(OPEN);
    }
}
