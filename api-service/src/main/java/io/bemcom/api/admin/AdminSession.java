package io.bemcom.api.admin;

import java.security.SecureRandom;
import java.util.HexFormat;

import io.bemcom.api.security.Authenticator;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * What the admin UI keeps in the servlet session: the logged-in username and the CSRF token
 * (synchroniser token pattern: one random token per session, rotated at login, sent back by every
 * form as the hidden field {@value #CSRF_PARAMETER}).
 */
public final class AdminSession {

    static final String USER = "bemcom.admin.user";
    static final String CSRF = "bemcom.admin.csrf";
    static final String FLASH = "bemcom.admin.flash";
    public static final String CSRF_PARAMETER = "_csrf";
    /** Request attribute holding the {@link Authenticator.Principal} of a logged-in request. */
    public static final String PRINCIPAL = "bemcom.admin.principal";

    private static final SecureRandom RANDOM = new SecureRandom();

    private AdminSession() {
    }

    static String csrfToken(HttpSession session) {
        Object token = session.getAttribute(CSRF);
        if (token == null) {
            token = rotateCsrf(session);
        }
        return (String) token;
    }

    static String rotateCsrf(HttpSession session) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        session.setAttribute(CSRF, token);
        return token;
    }

    /** A one-time message shown on the next page (Django's "messages"). */
    static void flash(HttpServletRequest request, String message) {
        request.getSession().setAttribute(FLASH, message);
    }

    static String takeFlash(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return null;
        }
        Object message = session.getAttribute(FLASH);
        session.removeAttribute(FLASH);
        return (String) message;
    }
}
