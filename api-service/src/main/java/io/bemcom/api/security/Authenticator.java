package io.bemcom.api.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * HTTP Basic (checked against the users) and {@code Authorization: Bearer <token>}, in that order,
 * with the original's answers. A verified header is remembered for a few seconds, so that a
 * client sending Basic credentials with every request does not pay the password hash each time.
 */
@Component
public class Authenticator {

    /** Who made the request. */
    public record Principal(String username, boolean superuser, Set<String> permissions) {
        public boolean has(String codename) {
            return superuser || permissions.contains(codename);
        }
    }

    /** The outcome: a principal, no credentials at all, or a failure with the 401 message. */
    public record Outcome(Principal principal, String failure) {
        static final Outcome NONE = new Outcome(null, null);

        public boolean anonymous() {
            return principal == null && failure == null;
        }
    }

    private static final long CACHE_MILLIS = 5_000;
    private record Cached(Principal principal, long until) {
    }

    private final UserRepository users;
    private final AuthTokenRepository tokens;
    private final PasswordHashing passwords;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public Authenticator(UserRepository users, AuthTokenRepository tokens, PasswordHashing passwords) {
        this.users = users;
        this.tokens = tokens;
        this.passwords = passwords;
    }

    @Transactional(readOnly = true)
    public Outcome authenticate(String header) {
        if (header == null || header.isBlank()) {
            return Outcome.NONE;
        }
        Cached cached = cache.get(header);
        if (cached != null && cached.until() > System.currentTimeMillis()) {
            return new Outcome(cached.principal(), null);
        }
        String[] parts = header.trim().split("\\s+");
        String scheme = parts[0].toLowerCase(java.util.Locale.ROOT);
        Outcome outcome;
        if (scheme.equals("basic")) {
            outcome = basic(parts);
        } else if (scheme.equals("bearer")) {
            outcome = bearer(parts);
        } else {
            return Outcome.NONE; // e.g. "Token <key>": not our keyword, so no credentials
        }
        if (outcome.principal() != null) {
            if (cache.size() > 10_000) {
                cache.clear();
            }
            cache.put(header, new Cached(outcome.principal(), System.currentTimeMillis() + CACHE_MILLIS));
        }
        return outcome;
    }

    private Outcome basic(String[] parts) {
        if (parts.length == 1) {
            return new Outcome(null, "Invalid basic header. No credentials provided.");
        }
        if (parts.length > 2) {
            return new Outcome(null, "Invalid basic header. Credentials string should not contain spaces.");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new Outcome(null, "Invalid basic header. Credentials not correctly base64 encoded.");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return new Outcome(null, "Invalid basic header. Credentials not correctly base64 encoded.");
        }
        String username = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        Optional<User> user = users.findByUsername(username);
        if (user.isEmpty() || !user.get().isActive() || !passwords.matches(password, user.get().getPassword())) {
            return new Outcome(null, "Invalid username/password.");
        }
        return new Outcome(principal(user.get()), null);
    }

    private Outcome bearer(String[] parts) {
        if (parts.length == 1) {
            return new Outcome(null, "Invalid token header. No credentials provided.");
        }
        if (parts.length > 2) {
            return new Outcome(null, "Invalid token header. Token string should not contain spaces.");
        }
        Optional<AuthToken> token = tokens.findById(parts[1]);
        if (token.isEmpty()) {
            return new Outcome(null, "Invalid token.");
        }
        if (!token.get().getUser().isActive()) {
            return new Outcome(null, "User inactive or deleted.");
        }
        return new Outcome(principal(token.get().getUser()), null);
    }

    /**
     * Checks a username and password as HTTP Basic does (inactive users are refused), for the
     * admin UI's session login; the same users and permissions as the REST API.
     */
    @Transactional(readOnly = true)
    public Optional<User> checkPassword(String username, String password) {
        Optional<User> user = users.findByUsername(username == null ? "" : username);
        if (user.isEmpty() || !user.get().isActive() || password == null
                || !passwords.matches(password, user.get().getPassword())) {
            return Optional.empty();
        }
        return user;
    }

    /** The principal of a logged-in admin session, read afresh (permission changes apply at once). */
    @Transactional(readOnly = true)
    public Optional<Principal> principalOf(String username, boolean staffOnly) {
        return users.findByUsername(username).filter(User::isActive)
                .filter(user -> !staffOnly || user.isStaff() || user.isSuperuser()).map(Authenticator::principal);
    }

    private static Principal principal(User user) {
        return new Principal(user.getUsername(), user.isSuperuser(), Set.copyOf(user.effectivePermissions()));
    }

    /** Drops remembered credentials, e.g. after a permission or password change. */
    public void forgetCached() {
        cache.clear();
    }
}
