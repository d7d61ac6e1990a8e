package io.bemcom.api.admin;

import java.util.Map;

import org.springframework.stereotype.Component;

import io.bemcom.api.audit.AdminLog;
import io.bemcom.api.audit.AdminLogEntry;
import io.bemcom.api.security.Authenticator.Principal;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The one place where admin pages record what they changed ({@link AdminLog}), with the acting
 * user of the request. Pages call it after the change succeeded. Content types are the original's
 * model names ("datapoint", "controlled datapoint", "user", …); they also name the History page.
 */
@Component
public class AdminActions {

    private final AdminLog log;

    public AdminActions(AdminLog log) {
        this.log = log;
    }

    void added(HttpServletRequest request, String contentType, Object id, Object repr) {
        log.record(username(request), contentType, id, String.valueOf(repr), AdminLogEntry.ADDITION, "Added.");
    }

    /** A change of the fields in {@code before}/{@code after} (field name → value), named in the message. */
    void changed(HttpServletRequest request, String contentType, Object id, Object repr, Map<String, ?> before,
                 Map<String, ?> after) {
        changed(request, contentType, id, repr, AdminLog.changeMessage(before, after));
    }

    void changed(HttpServletRequest request, String contentType, Object id, Object repr, String message) {
        log.record(username(request), contentType, id, String.valueOf(repr), AdminLogEntry.CHANGE, message);
    }

    void deleted(HttpServletRequest request, String contentType, Object id, Object repr) {
        log.record(username(request), contentType, id, String.valueOf(repr), AdminLogEntry.DELETION, "Deleted.");
    }

    private static String username(HttpServletRequest request) {
        return ((Principal) request.getAttribute(AdminSession.PRINCIPAL)).username();
    }
}
