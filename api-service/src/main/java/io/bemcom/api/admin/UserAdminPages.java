package io.bemcom.api.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.TreeSet;
import java.util.List;
import java.util.Map;

import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;

import io.bemcom.api.security.AuthTokenRepository;
import io.bemcom.api.security.Authenticator.Principal;
import io.bemcom.api.security.Group;
import io.bemcom.api.security.GroupRepository;
import io.bemcom.api.security.User;
import io.bemcom.api.security.UserRepository;
import io.bemcom.api.security.UserService;
import jakarta.servlet.http.HttpServletRequest;

/** Users, groups, the permission catalogue and API tokens (created and shown once, revoked). */
@Controller
public class UserAdminPages {

    private final UserRepository users;
    private final GroupRepository groups;
    private final AuthTokenRepository tokens;
    private final UserService userService;
    private final AdminActions actions;

    static final String USER = "user";
    static final String GROUP = "group";

    public UserAdminPages(UserRepository users, GroupRepository groups, AuthTokenRepository tokens,
                          UserService userService, AdminActions actions) {
        this.actions = actions;
        this.users = users;
        this.groups = groups;
        this.tokens = tokens;
        this.userService = userService;
    }

    // ------------------------------------------------------------------ users

    @AdminPermission("auth.view_user")
    @GetMapping("/admin/users/")
    public String users(@RequestParam(defaultValue = "") String q,
                        Model model) {
        String needle = q.trim().toLowerCase();
        model.addAttribute("users", users.findAll(Sort.by("username")).stream()
                .filter(u -> needle.isEmpty() || u.getUsername().toLowerCase().contains(needle)
                        || u.getEmail().toLowerCase().contains(needle)).toList());
        model.addAttribute("q", q);
        return "admin/users";
    }

    @AdminPermission("auth.add_user")
    @PostMapping("/admin/users/add/")
    public String addUser(@RequestAttribute(AdminSession.PRINCIPAL) Principal me,
                          @RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
                          @RequestParam(defaultValue = "") String password2, @RequestParam(defaultValue = "") String email,
                          HttpServletRequest request, Model model) {
        String usernameError = null;
        String passwordError = null;
        if (username.isBlank()) {
            usernameError = "This field is required.";
        } else if (!username.matches("[\\w.@+-]{1,150}")) {
            usernameError = "Enter a valid username: letters, digits and @/./+/-/_ only.";
        } else if (users.findByUsername(username).isPresent()) {
            usernameError = "A user with that username already exists.";
        }
        if (password.isEmpty()) {
            passwordError = "This field is required.";
        } else if (!password.equals(password2)) {
            passwordError = "The two password fields didn\u2019t match.";
        }
        if (usernameError != null || passwordError != null) {
            model.addAttribute("usernameError", usernameError);
            model.addAttribute("passwordError", passwordError);
            model.addAttribute("newUsername", username);
            model.addAttribute("newEmail", email);
            AdminAccess.require(me, "auth.view_user"); // renders that page, which needs its own permission
            return users("", model);
        }
        User created = userService.createUser(username, password, email, false);
        actions.added(request, USER, created.getId(), username);
        AdminSession.flash(request, "The user \u201c" + username + "\u201d was added successfully. You may edit it again below.");
        return "redirect:/admin/users/" + created.getId() + "/";
    }

    @AdminPermission("auth.view_user")
    @GetMapping("/admin/users/{id}/")
    public String user(@PathVariable long id, Model model) {
        User user = users.findById(id).orElseThrow(() -> new AdminAccess.NotFound("User " + id));
        model.addAttribute("user", user);
        model.addAttribute("allGroups", groups.findAll(Sort.by("name")));
        model.addAttribute("permissionsByModel", AdminAccess.permissionsByModel());
        model.addAttribute("token", tokens.findByUserId(id).orElse(null));
        return "admin/user";
    }

    @AdminPermission("auth.change_user")
    @PostMapping("/admin/users/{id}/")
    public String saveUser(@RequestAttribute(AdminSession.PRINCIPAL) Principal me, @PathVariable long id,
                           @RequestParam MultiValueMap<String, String> form, HttpServletRequest request) {
        User user = users.findById(id).orElseThrow(() -> new AdminAccess.NotFound("User " + id));
        List<String> permissions = form.getOrDefault("permissions", List.of()).stream()
                .filter(AdminAccess.allCodenames()::contains).toList();
        List<Long> groupIds = form.getOrDefault("groups", List.of()).stream().map(Long::valueOf).toList();
        boolean superuser = form.containsKey("is_superuser");
        if (!me.superuser()) {
            superuser = user.isSuperuser(); // only a superuser makes superusers
        }
        Map<String, Object> before = fields(user);
        userService.updateUser(id, form.getFirst("email"), form.containsKey("is_active"), form.containsKey("is_staff"),
                superuser, permissions, groupIds, form.getFirst("new_password"));
        User after = users.findById(id).orElse(user);
        actions.changed(request, USER, id, user.getUsername(), before, fields(after));
        AdminSession.flash(request, "The user \u201c" + user.getUsername() + "\u201d was changed successfully.");
        return "redirect:/admin/users/" + id + "/";
    }

    @AdminPermission("auth.delete_user")
    @PostMapping("/admin/users/{id}/delete/")
    public String deleteUser(@PathVariable long id,
                             HttpServletRequest request) {
        User user = users.findById(id).orElseThrow(() -> new AdminAccess.NotFound("User " + id));
        userService.deleteUser(id);
        actions.deleted(request, USER, id, user.getUsername());
        AdminSession.flash(request, "The user was deleted successfully.");
        return "redirect:/admin/users/";
    }

    // ------------------------------------------------------------------ groups

    @AdminPermission("auth.view_group")
    @GetMapping("/admin/groups/")
    public String groups(Model model) {
        model.addAttribute("groups", groups.findAll(Sort.by("name")));
        return "admin/groups";
    }

    @AdminPermission("auth.add_group")
    @PostMapping("/admin/groups/add/")
    public String addGroup(@RequestAttribute(AdminSession.PRINCIPAL) Principal me, @RequestParam(defaultValue = "") String name,
                           HttpServletRequest request, Model model) {
        if (name.isBlank() || groups.findByName(name.trim()).isPresent()) {
            model.addAttribute("nameError", name.isBlank() ? "This field is required." : "Group with this Name already exists.");
            model.addAttribute("name", name);
            AdminAccess.require(me, "auth.view_group"); // renders that page, which needs its own permission
            return groups(model);
        }
        Group group = userService.createGroup(name.trim());
        actions.added(request, GROUP, group.getId(), group.getName());
        return "redirect:/admin/groups/" + group.getId() + "/";
    }

    @AdminPermission("auth.view_group")
    @GetMapping("/admin/groups/{id}/")
    public String group(@PathVariable long id, Model model) {
        model.addAttribute("group", groups.findById(id).orElseThrow(() -> new AdminAccess.NotFound("Group " + id)));
        model.addAttribute("permissionsByModel", AdminAccess.permissionsByModel());
        return "admin/group";
    }

    @AdminPermission("auth.change_group")
    @PostMapping("/admin/groups/{id}/")
    public String saveGroup(@PathVariable long id,
                            @RequestParam MultiValueMap<String, String> form, HttpServletRequest request) {
        Group group = groups.findById(id).orElseThrow(() -> new AdminAccess.NotFound("Group " + id));
        String name = form.getFirst("name") == null || form.getFirst("name").isBlank() ? group.getName() : form.getFirst("name").trim();
        Map<String, Object> before = fields(group);
        userService.updateGroup(id, name, form.getOrDefault("permissions", List.of()).stream()
                .filter(AdminAccess.allCodenames()::contains).toList());
        actions.changed(request, GROUP, id, name, before, fields(groups.findById(id).orElse(group)));
        AdminSession.flash(request, "The group \u201c" + name + "\u201d was changed successfully.");
        return "redirect:/admin/groups/" + id + "/";
    }

    @AdminPermission("auth.delete_group")
    @PostMapping("/admin/groups/{id}/delete/")
    public String deleteGroup(@PathVariable long id,
                              HttpServletRequest request) {
        Group group = groups.findById(id).orElseThrow(() -> new AdminAccess.NotFound("Group " + id));
        userService.deleteGroup(id);
        actions.deleted(request, GROUP, id, group.getName());
        AdminSession.flash(request, "The group was deleted successfully.");
        return "redirect:/admin/groups/";
    }

    /** A user's fields as the change message names them; the password by its hash (never shown). */
    private static Map<String, Object> fields(User user) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("password", user.getPassword());
        fields.put("email", user.getEmail());
        fields.put("is_active", user.isActive());
        fields.put("is_staff", user.isStaff());
        fields.put("is_superuser", user.isSuperuser());
        fields.put("groups", new TreeSet<>(user.getGroups().stream().map(Group::getName).toList()));
        fields.put("user_permissions", new TreeSet<>(user.getPermissions()));
        return fields;
    }

    private static Map<String, Object> fields(Group group) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", group.getName());
        fields.put("permissions", new TreeSet<>(group.getPermissions()));
        return fields;
    }

    // ------------------------------------------------------------------ permissions

    @AdminPermission("auth.view_permission")
    @GetMapping("/admin/permissions/")
    public String permissions(Model model) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<User> allUsers = users.findAll(Sort.by("username"));
        List<Group> allGroups = groups.findAll(Sort.by("name"));
        for (String codename : AdminAccess.allCodenames()) {
            rows.add(Map.of("codename", codename,
                    "users", allUsers.stream().filter(u -> u.getPermissions().contains(codename)).map(User::getUsername).toList(),
                    "groups", allGroups.stream().filter(g -> g.getPermissions().contains(codename)).map(Group::getName).toList()));
        }
        model.addAttribute("rows", rows);
        return "admin/permissions";
    }

    // ------------------------------------------------------------------ tokens

    @AdminPermission("authtoken.view_token")
    @GetMapping("/admin/tokens/")
    public String tokens(Model model) {
        model.addAttribute("tokens", tokens.findAll(Sort.by("created")));
        model.addAttribute("users", users.findAll(Sort.by("username")));
        return "admin/tokens";
    }

    /** Creates (or replaces) the user's token and shows it this once; afterwards only its start is shown. */
    @AdminPermission("authtoken.add_token")
    @PostMapping("/admin/tokens/add/")
    public String addToken(@RequestAttribute(AdminSession.PRINCIPAL) Principal me, @RequestParam(required = false) Long user,
                           HttpServletRequest request, Model model) {
        if (user == null || users.findById(user).isEmpty()) {
            model.addAttribute("userError", "Select a valid choice.");
            AdminAccess.require(me, "authtoken.view_token"); // renders that page, which needs its own permission
            return tokens(model);
        }
        String key = userService.regenerateToken(user);
        actions.changed(request, USER, user, users.findById(user).map(User::getUsername).orElse(""), "Created a new token.");
        model.addAttribute("newToken", key);
        model.addAttribute("newTokenUser", users.findById(user).map(User::getUsername).orElse(""));
        AdminAccess.require(me, "authtoken.view_token"); // renders that page, which needs its own permission
        return tokens(model);
    }

    /** Revokes by user (one token per user), so the page never has to carry the key itself. */
    @AdminPermission("authtoken.delete_token")
    @PostMapping("/admin/tokens/revoke/")
    public String revokeToken(@RequestParam long user,
                              HttpServletRequest request) {
        tokens.findByUserId(user).ifPresent(token -> {
            userService.revokeToken(token.getKey());
            actions.changed(request, USER, user, token.getUser().getUsername(), "Revoked the token.");
            AdminSession.flash(request, "The token of \u201c" + token.getUser().getUsername() + "\u201d was revoked.");
        });
        return "redirect:/admin/tokens/";
    }
}
