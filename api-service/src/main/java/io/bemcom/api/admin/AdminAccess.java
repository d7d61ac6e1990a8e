package io.bemcom.api.admin;

import java.util.List;

import io.bemcom.api.security.Authenticator.Principal;

/**
 * Page and action permissions of the admin UI: the REST API's model codenames
 * ({@code api_main.view_datapoint}, …) checked on the same {@link Principal} as the REST gate,
 * plus Django's {@code auth.*} and {@code authtoken.*} codenames for users, groups and tokens.
 */
public final class AdminAccess {

    /** Refused: rendered as a 403 page. */
    public static final class Forbidden extends RuntimeException {
        public Forbidden(String codename) {
            super("You do not have permission (" + codename + ") to see or change this.");
        }
    }

    /** Not found: rendered as a 404 page. */
    public static final class NotFound extends RuntimeException {
        public NotFound(String what) {
            super(what + " does not exist (it may have been deleted).");
        }
    }

    /** Every codename the admin can grant, with the model it belongs to. */
    public static final List<String> MODELS = List.of(
            "api_main.connector", "api_main.connectorheartbeat", "api_main.connectorlogentry", "api_main.datapoint",
            "api_main.datapointvalue", "api_main.datapointsetpoint", "api_main.datapointschedule",
            "api_main.datapointlastvalue", "api_main.datapointlastsetpoint", "api_main.datapointlastschedule",
            "api_main.controller", "api_main.controlleddatapoint", "api_main.deadletter", "api_rest_interface.metric",
            "auth.user", "auth.group", "auth.permission", "authtoken.token");

    /** Plain names of the models, for the permission checkboxes. */
    private static final java.util.Map<String, String> MODEL_NAMES = java.util.Map.ofEntries(
            java.util.Map.entry("api_main.connector", "Connector"),
            java.util.Map.entry("api_main.connectorheartbeat", "Connector heartbeat"),
            java.util.Map.entry("api_main.connectorlogentry", "Connector log entry"),
            java.util.Map.entry("api_main.datapoint", "Datapoint"),
            java.util.Map.entry("api_main.datapointvalue", "Datapoint value (history)"),
            java.util.Map.entry("api_main.datapointsetpoint", "Datapoint setpoint (history)"),
            java.util.Map.entry("api_main.datapointschedule", "Datapoint schedule (history)"),
            java.util.Map.entry("api_main.datapointlastvalue", "Datapoint last value"),
            java.util.Map.entry("api_main.datapointlastsetpoint", "Datapoint last setpoint"),
            java.util.Map.entry("api_main.datapointlastschedule", "Datapoint last schedule"),
            java.util.Map.entry("api_main.controller", "Controller"),
            java.util.Map.entry("api_main.controlleddatapoint", "Controlled datapoint"),
            java.util.Map.entry("api_main.deadletter", "Message that could not be stored"),
            java.util.Map.entry("api_rest_interface.metric", "Metrics"),
            java.util.Map.entry("auth.user", "User"),
            java.util.Map.entry("auth.group", "Group"),
            java.util.Map.entry("auth.permission", "Permission"),
            java.util.Map.entry("authtoken.token", "Token"));

    /** One permission as the user and group pages show it: its action in plain words, its codename as the value. */
    public record Permission(String codename, String action) {
    }

    /** The permissions of one model, under its plain name. */
    public record ModelPermissions(String model, List<Permission> permissions) {
    }

    /** Every grantable permission, grouped by model, in the order of {@link #MODELS}. */
    public static List<ModelPermissions> permissionsByModel() {
        return MODELS.stream().map(model -> {
            int dot = model.indexOf('.');
            String app = model.substring(0, dot + 1);
            String name = model.substring(dot + 1);
            return new ModelPermissions(MODEL_NAMES.getOrDefault(model, name), List.of("view", "add", "change", "delete")
                    .stream().map(action -> new Permission(app + action + "_" + name, "Can " + action)).toList());
        }).toList();
    }

    public static List<String> allCodenames() {
        return MODELS.stream().flatMap(model -> {
            int dot = model.indexOf('.');
            String app = model.substring(0, dot + 1);
            String name = model.substring(dot + 1);
            return List.of("view", "add", "change", "delete").stream().map(action -> app + action + "_" + name);
        }).toList();
    }

    private AdminAccess() {
    }

    public static void require(Principal principal, String codename) {
        if (principal == null || !principal.has(codename)) {
            throw new Forbidden(codename);
        }
    }
}
