package io.bemcom.api.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;

import io.bemcom.api.audit.AdminLog;
import io.bemcom.api.audit.AdminLogEntry;
import io.bemcom.api.security.Authenticator.Principal;

/**
 * The audit trail, as Django's admin shows it: "Recent actions" on the index (the user's own last
 * ten) and the "History" of one object (every user's entries, newest first), linked from its change
 * page. Seeing an object's history needs the view permission of its kind.
 */
@Controller
public class AdminLogPages {

    /** A kind of object with a History page: its content type in the log, admin path and view permission. */
    record Kind(String contentType, String path, String viewPermission, String plural) {
    }

    static final Map<String, Kind> BY_PATH = new LinkedHashMap<>();
    static final Map<String, Kind> BY_CONTENT_TYPE = new LinkedHashMap<>();

    static {
        for (Kind kind : List.of(
                new Kind(DatapointAdminPages.CONTENT_TYPE, "datapoints", "api_main.view_datapoint", "Datapoints"),
                new Kind("connector", "connectors", "api_main.view_connector", "Connectors"),
                new Kind("controller", "controllers", "api_main.view_controller", "Controllers"),
                new Kind("user", "users", "auth.view_user", "Users"),
                new Kind("group", "groups", "auth.view_group", "Groups"))) {
            BY_PATH.put(kind.path(), kind);
            BY_CONTENT_TYPE.put(kind.contentType(), kind);
        }
    }

    /** One entry as shown, with the link to its object's change page (none after a deletion). */
    public record Shown(AdminLogEntry entry, String link) {
    }

    private final AdminLog log;

    public AdminLogPages(AdminLog log) {
        this.log = log;
    }

    @GetMapping("/admin/")
    public String index(@RequestAttribute(AdminSession.PRINCIPAL) Principal me, Model model) {
        model.addAttribute("recent", log.recentOf(me.username(), 10).stream().map(AdminLogPages::shown).toList());
        return "admin/index";
    }

    @AdminPermission({}) // the view permission of the object's kind, checked below
    @GetMapping("/admin/{path}/{id}/history/")
    public String history(@RequestAttribute(AdminSession.PRINCIPAL) Principal me, @PathVariable String path,
                          @PathVariable String id, Model model) {
        Kind kind = BY_PATH.get(path);
        if (kind == null) {
            throw new AdminAccess.NotFound("The page");
        }
        AdminAccess.require(me, kind.viewPermission());
        List<AdminLogEntry> entries = log.of(kind.contentType(), id);
        model.addAttribute("kind", kind);
        model.addAttribute("objectId", id);
        model.addAttribute("objectRepr", entries.isEmpty() ? id : entries.get(0).objectRepr());
        model.addAttribute("entries", entries);
        return "admin/object_history";
    }

    private static Shown shown(AdminLogEntry entry) {
        Kind kind = BY_CONTENT_TYPE.get(entry.contentType());
        String link = kind == null || entry.isDeletion() ? null : "/admin/" + kind.path() + "/" + entry.objectId() + "/";
        return new Shown(entry, link);
    }
}
