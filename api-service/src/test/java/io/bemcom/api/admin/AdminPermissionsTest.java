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

    private static final List<Class<?>> PAGES = List.of(ConnectorAdminPages.class, ControllerAdminPages.class,
            DatapointAdminPages.class, MonitoringAdminPages.class, UserAdminPages.class, LoginPage.class,
            AdminNotFoundPage.class);
    private static final Set<String> OPEN = Set.of("LoginPage.loginPage", "LoginPage.login", "LoginPage.logout",
            "LoginPage.index", "AdminNotFoundPage.unknownPage", "MonitoringAdminPages.otherHistory");

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
                    assertThat(method.getAnnotation(AdminPermission.class).value()).as(name).isNotEmpty()
                            .allMatch(AdminAccess.allCodenames()::contains);
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
