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

    public boolean exists(String username) {
        return users.findByUsername(username).isPresent();
    }
}
