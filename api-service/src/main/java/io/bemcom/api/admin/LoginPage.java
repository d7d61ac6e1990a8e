package io.bemcom.api.admin;

import java.util.Optional;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.bemcom.api.security.Authenticator;
import io.bemcom.api.security.User;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/** Session login and logout with the REST API's users; only staff users and superusers may log in. */
@Controller
public class LoginPage {

    private final Authenticator authenticator;

    public LoginPage(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @GetMapping("/admin/login/")
    public String loginPage(@RequestParam(required = false) String next, Model model) {
        model.addAttribute("next", safeNext(next));
        return "admin/login";
    }

    @PostMapping("/admin/login/")
    public String login(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
                        @RequestParam(required = false) String next, HttpServletRequest request,
                        HttpServletResponse response, Model model) {
        Authenticator.Login login = authenticator.login(username, password, request.getRemoteAddr());
        Optional<User> user = login.user();
        if (user.isEmpty() || !(user.get().isStaff() || user.get().isSuperuser())) {
            model.addAttribute("next", safeNext(next));
            model.addAttribute("username", username);
            if (login.retryAfterSeconds() > 0) {
                response.setStatus(429);
                response.setHeader("Retry-After", Long.toString(login.retryAfterSeconds()));
                model.addAttribute("error", Authenticator.lockedOutMessage(login.retryAfterSeconds()));
            } else {
                model.addAttribute("error", "Please enter the correct username and password for a staff account. "
                        + "Note that both fields may be case-sensitive.");
            }
            return "admin/login";
        }
        request.changeSessionId(); // no session fixation
        HttpSession session = request.getSession();
        session.setAttribute(AdminSession.USER, user.get().getUsername());
        AdminSession.rotateCsrf(session);
        return "redirect:" + safeNext(next);
    }

    @PostMapping("/admin/logout/")
    public String logout(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        AdminSession.flash(request, "Logged out. Thanks for spending some quality time with the web site today.");
        return "redirect:/admin/login/";
    }

    /** Only paths inside the admin UI, never another site (no open redirect). */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/admin/") || next.startsWith("//") || next.contains("\\")) {
            return "/admin/";
        }
        return next;
    }
}
