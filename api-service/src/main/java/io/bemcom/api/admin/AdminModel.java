package io.bemcom.api.admin;

import java.util.ArrayList;
import java.util.List;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import io.bemcom.api.config.ApiSettings;
import io.bemcom.api.security.Authenticator.Principal;
import jakarta.servlet.http.HttpServletRequest;

/** What every admin page shows: who is logged in, the navigation they may use, a flash message. */
@ControllerAdvice(basePackageClasses = AdminModel.class)
public class AdminModel {

    /** One navigation entry: label, path under /admin/, the view permission it needs (null: staff is enough). */
    public record NavItem(String label, String path, String permission, String group) {
    }

    private final ApiSettings settings;

    public AdminModel(ApiSettings settings) {
        this.settings = settings;
    }

    @ModelAttribute
    public void common(HttpServletRequest request, org.springframework.ui.Model model) {
        Object principal = request.getAttribute(AdminSession.PRINCIPAL);
        model.addAttribute("me", principal);
        model.addAttribute("history", settings.historyExtension());
        model.addAttribute("control", settings.controlExtension());
        model.addAttribute("flash", AdminSession.takeFlash(request));
        if (principal instanceof Principal me) {
            model.addAttribute("nav", navigation().stream().filter(item -> item.permission() == null || me.has(item.permission())).toList());
        } else {
            model.addAttribute("nav", List.of());
        }
    }

    List<NavItem> navigation() {
        List<NavItem> items = new ArrayList<>();
        items.add(new NavItem("Connectors", "connectors/", "api_main.view_connector", "API_MAIN"));
        items.add(new NavItem("Connector heartbeats", "heartbeats/", "api_main.view_connectorheartbeat", "API_MAIN"));
        items.add(new NavItem("Connector log entries", "logs/", "api_main.view_connectorlogentry", "API_MAIN"));
        items.add(new NavItem("Datapoints", "datapoints/", "api_main.view_datapoint", "API_MAIN"));
        items.add(new NavItem("Dead letters", "dead-letters/", "api_main.view_deadletter", "API_MAIN"));
        items.add(new NavItem("MQTT monitor", "mqtt-monitor/", null, "API_MAIN"));
        if (settings.historyExtension()) {
            items.add(new NavItem("Datapoint values", "history/value/", "api_main.view_datapointvalue", "API_MAIN"));
        }
        if (settings.historyExtension() && settings.controlExtension()) {
            items.add(new NavItem("Datapoint setpoints", "history/setpoint/", "api_main.view_datapointsetpoint", "API_MAIN"));
            items.add(new NavItem("Datapoint schedules", "history/schedule/", "api_main.view_datapointschedule", "API_MAIN"));
        }
        if (settings.controlExtension()) {
            items.add(new NavItem("Controllers", "controllers/", "api_main.view_controller", "API_MAIN"));
            items.add(new NavItem("Controlled datapoints", "controlled/", "api_main.view_controlleddatapoint", "API_MAIN"));
        }
        items.add(new NavItem("Users", "users/", "auth.view_user", "AUTHENTICATION AND AUTHORIZATION"));
        items.add(new NavItem("Groups", "groups/", "auth.view_group", "AUTHENTICATION AND AUTHORIZATION"));
        items.add(new NavItem("Permissions", "permissions/", "auth.view_permission", "AUTHENTICATION AND AUTHORIZATION"));
        items.add(new NavItem("Tokens", "tokens/", "authtoken.view_token", "AUTH TOKEN"));
        return items;
    }
}
