package io.bemcom.api.admin;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;

import io.bemcom.api.security.Authenticator.Principal;
import io.bemcom.api.security.UserRepository;
import io.bemcom.api.security.UserService;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code /admin/password_change/}: every user who may log in changes their own password, as in
 * Django's admin (old password, the new one twice). No permission is needed.
 */
@Controller
public class PasswordChangePage {

    private final UserService users;
    private final UserRepository accounts;
    private final AdminActions actions;

    public PasswordChangePage(UserService users, UserRepository accounts, AdminActions actions) {
        this.users = users;
        this.accounts = accounts;
        this.actions = actions;
    }

    @GetMapping("/admin/password_change/")
    public String form() {
        return "admin/password_change";
    }

    @PostMapping("/admin/password_change/")
    public String change(@RequestAttribute(AdminSession.PRINCIPAL) Principal me,
                         @RequestParam(name = "old_password", defaultValue = "") String oldPassword,
                         @RequestParam(name = "new_password1", defaultValue = "") String newPassword,
                         @RequestParam(name = "new_password2", defaultValue = "") String again,
                         HttpServletRequest request, Model model) {
        String error = null;
        if (oldPassword.isEmpty() || newPassword.isEmpty() || again.isEmpty()) {
            error = "Please fill in every field.";
        } else if (!newPassword.equals(again)) {
            error = "The two password fields didn\u2019t match.";
        } else if (!users.changeOwnPassword(me.username(), oldPassword, newPassword)) {
            error = "Your old password was entered incorrectly. Please enter it again.";
        }
        if (error != null) {
            model.addAttribute("error", error);
            return "admin/password_change";
        }
        accounts.findByUsername(me.username()).ifPresent(user ->
                actions.changed(request, UserAdminPages.USER, user.getId(), user.getUsername(), "Changed password."));
        AdminSession.flash(request, "Your password was changed.");
        return "redirect:/admin/";
    }
}
