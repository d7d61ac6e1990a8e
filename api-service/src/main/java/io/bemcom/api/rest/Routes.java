package io.bemcom.api.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.bemcom.api.config.ApiSettings;

/**
 * The route table of section 8.2: which paths exist for the current extension flags, which
 * methods each allows, and which model's permissions guard it. The order of checks follows the
 * original: no route → 404; then authentication (401), permission (403), method (405).
 */
public final class Routes {

    /**
     * A route: its path pattern, the methods it allows, the permission stem (null: public), the
     * stem of a model its GET answer nests (null: none), whose view permission GET needs as well,
     * and the ways it can answer (content negotiation, before authentication as in DRF).
     */
    public record Route(Pattern path, Set<String> methods, String permissionStem, String nestedStem,
                        List<ContentNegotiation.Renderer> renderers) {
        public boolean isPublic() {
            return permissionStem == null;
        }
    }

    private static final String APP = "api_main.";
    private final List<Route> routes = new ArrayList<>();

    public Routes(ApiSettings settings) {
        this(settings.controlExtension(), settings.historyExtension());
    }

    /** The routes for these extension flags (ACTIVATE_CONTROL_EXTENSION, ACTIVATE_HISTORY_EXTENSION). */
    public Routes(boolean control, boolean history) {
        add("/", Set.of("GET"), null, null, ContentNegotiation.HTML);
        add("/schema/", Set.of("GET"), null, null, ContentNegotiation.OPENAPI);
        add("/metrics/", Set.of("GET"), "api_rest_interface.%s_metric", null, ContentNegotiation.TEXT);
        add("/health/", Set.of("GET"), null); // ours: rest.HealthCheckEndpoint
        add("/datapoint/", Set.of("GET", "POST", "PUT"), APP + "%s_datapoint");
        add("/datapoint/last_value/", Set.of("GET"), APP + "%s_datapointlastvalue");
        add("/alert/", Set.of("GET"), APP + "%s_datapoint"); // ours: rest.AlertEndpoint
        // Ours: the live push (rest.LivePushEndpoint); each kind needs its own view permission too.
        add("/datapoint/live/", Set.of("GET"), APP + "%s_datapoint", null, ContentNegotiation.EVENT_STREAM);
        add("/datapoint/live/ws/", Set.of("GET"), APP + "%s_datapoint");
        if (control) {
            add("/datapoint/last_schedule/", Set.of("GET"), APP + "%s_datapointlastschedule");
            add("/datapoint/last_setpoint/", Set.of("GET"), APP + "%s_datapointlastsetpoint");
        }
        add("/datapoint/\\d+/value/", history ? Set.of("GET", "POST", "PUT") : Set.of("POST"), APP + "%s_datapointvalue");
        if (history) {
            add("/datapoint/\\d+/value/\\d+/", Set.of("DELETE"), APP + "%s_datapointvalue");
        }
        for (String kind : List.of("schedule", "setpoint")) {
            if (control) {
                add("/datapoint/\\d+/" + kind + "/", history ? Set.of("GET", "POST", "PUT") : Set.of("POST"),
                        APP + "%s_datapoint" + kind);
            }
            if (control && history) {
                add("/datapoint/\\d+/" + kind + "/\\d+/", Set.of("DELETE"), APP + "%s_datapoint" + kind);
            }
        }
        if (control) {
            // Ours (the original has no REST route for controllers): see rest.ControllerEndpoint.
            add("/controller/", Set.of("GET", "POST"), APP + "%s_controller", APP + "%s_controlleddatapoint");
            add("/controller/\\d+/", Set.of("DELETE"), APP + "%s_controller");
            add("/controller/\\d+/controlled_datapoint/", Set.of("POST"), APP + "%s_controlleddatapoint");
            add("/controller/\\d+/controlled_datapoint/\\d+/", Set.of("DELETE"), APP + "%s_controlleddatapoint");
        }
    }

    private void add(String regex, Set<String> methods, String permissionStem) {
        add(regex, methods, permissionStem, null);
    }

    private void add(String regex, Set<String> methods, String permissionStem, String nestedStem) {
        add(regex, methods, permissionStem, nestedStem, ContentNegotiation.API);
    }

    private void add(String regex, Set<String> methods, String permissionStem, String nestedStem,
                     List<ContentNegotiation.Renderer> renderers) {
        routes.add(new Route(Pattern.compile(regex), methods, permissionStem, nestedStem, renderers));
    }

    /** Every route of the current flags, in the order of the table. */
    public List<Route> all() {
        return List.copyOf(routes);
    }

    public Optional<Route> match(String path) {
        return routes.stream().filter(route -> route.path().matcher(path).matches()).findFirst();
    }

    /**
     * Every permission codename a method needs on a route: the route's model permission, and for
     * GET also view on a nested model (e.g. a controller's controlled datapoints).
     */
    public static List<String> permissions(Route route, String method) {
        List<String> needed = new ArrayList<>();
        permission(route, method).ifPresent(needed::add);
        if (route.nestedStem() != null && method.equals("GET")) {
            needed.add(String.format(route.nestedStem(), "view"));
        }
        return needed;
    }

    /** The permission codename a method needs on a route: GET view, POST add, PUT/PATCH change, DELETE delete. */
    public static Optional<String> permission(Route route, String method) {
        String action = switch (method) {
            case "GET" -> "view";
            case "POST" -> "add";
            case "PUT", "PATCH" -> "change";
            case "DELETE" -> "delete";
            default -> null; // OPTIONS, HEAD: authentication only
        };
        return action == null ? Optional.empty() : Optional.of(String.format(route.permissionStem(), action));
    }
}
