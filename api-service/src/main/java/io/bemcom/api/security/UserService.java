package io.bemcom.api.security;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.bemcom.api.config.ApiSettings;

/** Users, their permissions and tokens; the superuser from {@code DJANGO_SUPERUSER_*}. */
@Service
public class UserService {

    private static final Logger log = LoggerFactory.getLogger(UserService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserRepository users;
    private final GroupRepository groups;
    private final AuthTokenRepository tokens;
    private final PasswordHashing passwords;
    private final Authenticator authenticator;

    public UserService(UserRepository users, GroupRepository groups, AuthTokenRepository tokens,
                       PasswordHashing passwords, Authenticator authenticator) {
        this.users = users;
        this.groups = groups;
        this.tokens = tokens;
        this.passwords = passwords;
        this.authenticator = authenticator;
    }

    @Transactional
    public User createUser(String username, String password, String email, boolean superuser) {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("The username must not be empty.");
        }
        if (users.findByUsername(username).isPresent()) {
            throw new IllegalArgumentException("Error: That username is already taken.");
        }
        User user = new User(username, passwords.hash(password), email);
        user.setSuperuser(superuser);
        user.setStaff(superuser);
        return users.save(user);
    }

    /** Creates the superuser of {@code DJANGO_SUPERUSER_*} unless that user exists (as the entrypoint did). */
    @Transactional
    public void ensureSuperuser(ApiSettings settings) {
        if (!settings.createsSuperuserAtStart()) {
            return;
        }
        if (users.findByUsername(settings.superuserUsername()).isPresent()) {
            log.info("Superuser '{}' exists already; left unchanged.", settings.superuserUsername());
            return;
        }
        createUser(settings.superuserUsername(), settings.superuserPassword(), settings.superuserEmail(), true);
        log.info("Created superuser '{}'.", settings.superuserUsername());
    }

    @Transactional
    public void grant(String username, String... codenames) {
        User user = users.findByUsername(username).orElseThrow();
        user.getPermissions().addAll(java.util.List.of(codenames));
        users.save(user);
        authenticator.forgetCached();
    }

    @Transactional
    public Group createGroup(String name, String... codenames) {
        Group group = groups.findByName(name).orElseGet(() -> groups.save(new Group(name)));
        group.getPermissions().addAll(java.util.List.of(codenames));
        return groups.save(group);
    }

    @Transactional
    public void addToGroup(String username, String groupName) {
        User user = users.findByUsername(username).orElseThrow();
        user.getGroups().add(groups.findByName(groupName).orElseThrow());
        users.save(user);
        authenticator.forgetCached();
    }

    @Transactional
    public void setActive(String username, boolean active) {
        User user = users.findByUsername(username).orElseThrow();
        user.setActive(active);
        users.save(user);
        authenticator.forgetCached();
    }

    /** The user's token (40 hex characters), created on first use. */
    @Transactional
    public String token(String username) {
        User user = users.findByUsername(username).orElseThrow();
        Optional<AuthToken> existing = tokens.findByUserId(user.getId());
        if (existing.isPresent()) {
            return existing.get().getKey();
        }
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        return tokens.save(new AuthToken(HexFormat.of().formatHex(bytes), user)).getKey();
    }

    @Transactional
    public void setStaff(String username, boolean staff) {
        User user = users.findByUsername(username).orElseThrow();
        user.setStaff(staff);
        users.save(user);
    }

    /** Saves the admin UI's user form: flags, direct permissions and groups (password only when given). */
    @Transactional
    public void updateUser(long id, String email, boolean active, boolean staff, boolean superuser,
                           java.util.Collection<String> permissions, java.util.Collection<Long> groupIds,
                           String newPassword) {
        User user = users.findById(id).orElseThrow();
        user.setEmail(email);
        user.setActive(active);
        user.setStaff(staff);
        user.setSuperuser(superuser);
        user.getPermissions().clear();
        user.getPermissions().addAll(permissions);
        user.getGroups().clear();
        user.getGroups().addAll(groups.findAllById(groupIds));
        if (newPassword != null && !newPassword.isEmpty()) {
            user.setPassword(passwords.hash(newPassword));
        }
        users.save(user);
        authenticator.forgetCached();
    }

    /** A user changes their own password: false (nothing changed) when {@code oldPassword} is not theirs. */
    @Transactional
    public boolean changeOwnPassword(String username, String oldPassword, String newPassword) {
        User user = users.findByUsername(username).orElseThrow();
        if (oldPassword == null || !passwords.matches(oldPassword, user.getPassword())) {
            return false;
        }
        user.setPassword(passwords.hash(newPassword));
        users.save(user);
        authenticator.forgetCached();
        return true;
    }

    @Transactional
    public void deleteUser(long id) {
        users.findById(id).ifPresent(user -> {
            tokens.findByUserId(id).ifPresent(tokens::delete);
            users.delete(user);
        });
        authenticator.forgetCached();
    }

    @Transactional
    public void updateGroup(long id, String name, java.util.Collection<String> permissions) {
        Group group = groups.findById(id).orElseThrow();
        group.setName(name);
        group.getPermissions().clear();
        group.getPermissions().addAll(permissions);
        groups.save(group);
        authenticator.forgetCached();
    }

    @Transactional
    public void deleteGroup(long id) {
        groups.findById(id).ifPresent(group -> {
            for (User user : users.findAll()) {
                if (user.getGroups().remove(group)) {
                    users.save(user);
                }
            }
            groups.delete(group);
        });
        authenticator.forgetCached();
    }

    /** A new token for the user, replacing any previous one (one token per user, as the original). */
    @Transactional
    public String regenerateToken(long userId) {
        User user = users.findById(userId).orElseThrow();
        tokens.findByUserId(userId).ifPresent(old -> {
            tokens.delete(old);
            tokens.flush();
        });
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        String key = tokens.save(new AuthToken(HexFormat.of().formatHex(bytes), user)).getKey();
        authenticator.forgetCached();
        return key;
    }

    @Transactional
    public void revokeToken(String key) {
        tokens.findById(key).ifPresent(tokens::delete);
        authenticator.forgetCached();
    }

    public boolean exists(String username) {
        return users.findByUsername(username).isPresent();
    }
}
