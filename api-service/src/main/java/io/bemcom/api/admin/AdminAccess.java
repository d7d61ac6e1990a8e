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
