package io.bemcom.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import io.bemcom.api.config.ApiSettings;
import io.bemcom.protocol.ingest.DatabaseFailure;

/**
 * HTTP Basic (checked against the users) and {@code Authorization: Bearer <token>}, in that order,
 * with the original's answers; failed logins are counted by the {@link LoginThrottle}, which may
 * refuse a username or client address for a while (429).
 *
 * <p>A verified header is remembered for {@code AUTH_CACHE_SECONDS} (60 s by default), so that a
 * client sending Basic credentials with every request does not pay the password hash each time,
 * and so that remembered credentials keep working while the database cannot be reached (then
 * until it is back: nothing can be revoked meanwhile). Changes of users, permissions and tokens
 * through this service forget every remembered header at once.
 */
@Component
public class Authenticator {

    /** Who made the request. */
    public record Principal(String username, boolean superuser, Set<String> permissions) {
        public boolean has(String codename) {
            return superuser || permissions.contains(codename);
        }
    }

    /**
     * The outcome: a principal, no credentials at all, a failure with the 401 message, or a
     * lock-out (429) with the seconds to wait.
     */
    public record Outcome(Principal principal, String failure, long retryAfterSeconds) {
        static final Outcome NONE = new Outcome(null, null, 0);

        static Outcome of(Principal principal) {
            return new Outcome(principal, null, 0);
        }

        static Outcome failed(String message) {
            return new Outcome(null, message, 0);
        }

        public boolean anonymous() {
            return principal == null && failure == null;
        }

        public boolean lockedOut() {
            return retryAfterSeconds > 0;
        }
    }

    /** An admin login: the user when the password was right, or the seconds the username or address is refused. */
    public record Login(Optional<User> user, long retryAfterSeconds) {
    }

    /** The message of a refused login (429). */
    public static String lockedOutMessage(long seconds) {
        return "Too many failed logins from this address or for this user. Try again in " + seconds + " seconds.";
    }

    private record Cached(Principal principal, long verifiedAt) {
    }

    private static final int MAX_CACHED = 10_000;

    private final UserRepository users;
    private final AuthTokenRepository tokens;
    private final PasswordHashing passwords;
    private final LoginThrottle throttle;
    private final TransactionTemplate readOnly;
    private final long cacheMillis;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public Authenticator(UserRepository users, AuthTokenRepository tokens, PasswordHashing passwords,
                         LoginThrottle throttle, PlatformTransactionManager transactions, ApiSettings settings) {
        this.users = users;
        this.tokens = tokens;
        this.passwords = passwords;
        this.throttle = throttle;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.cacheMillis = settings.credentialCache().toMillis();
    }

    /**
     * Authenticates the {@code Authorization} header of a request from {@code address}. Throws
     * the database's exception when it is needed and cannot be reached and nothing is remembered.
     */
    public Outcome authenticate(String header, String address) {
        if (header == null || header.isBlank()) {
            return Outcome.NONE;
        }
        String[] parts = header.trim().split("\\s+");
        String scheme = parts[0].toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("basic") && !scheme.equals("bearer")) {
            return Outcome.NONE; // e.g. "Token <key>": not our keyword, so no credentials
        }
        Credentials credentials = scheme.equals("basic") ? basic(parts) : bearer(parts);
        if (credentials.malformed() != null) {
            return Outcome.failed(credentials.malformed());
        }
        long wait = throttle.lockedFor(credentials.username(), address);
        if (wait > 0) {
            return new Outcome(null, lockedOutMessage(wait), wait);
        }
        String key = digest(header);
        Cached cached = cache.get(key);
        long now = System.currentTimeMillis();
        if (cached != null && now - cached.verifiedAt() < cacheMillis) {
            return Outcome.of(cached.principal());
        }
        Outcome outcome;
        try {
            outcome = readOnly.execute(status -> verify(credentials));
        } catch (RuntimeException e) {
            if (cached != null && DatabaseFailure.of(e) == DatabaseFailure.UNAVAILABLE) {
                return Outcome.of(cached.principal()); // verified before the database went away
            }
            throw e;
        }
        if (outcome.principal() != null) {
            throttle.succeeded(credentials.username());
            if (cacheMillis > 0) {
                if (cache.size() > MAX_CACHED) {
                    cache.clear();
                }
                cache.put(key, new Cached(outcome.principal(), now));
            }
        } else {
            cache.remove(key);
            throttle.failed(credentials.username(), address);
        }
        return outcome;
    }

    /** A parsed header: the username (null for tokens) and the secret, or why it is malformed. */
    private record Credentials(boolean token, String username, String secret, String malformed) {
    }

    private static Credentials basic(String[] parts) {
        if (parts.length == 1) {
            return malformed("Invalid basic header. No credentials provided.");
        }
        if (parts.length > 2) {
            return malformed("Invalid basic header. Credentials string should not contain spaces.");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return malformed("Invalid basic header. Credentials not correctly base64 encoded.");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return malformed("Invalid basic header. Credentials not correctly base64 encoded.");
        }
        return new Credentials(false, decoded.substring(0, colon), decoded.substring(colon + 1), null);
    }

    private static Credentials bearer(String[] parts) {
        if (parts.length == 1) {
            return malformed("Invalid token header. No credentials provided.");
        }
        if (parts.length > 2) {
            return malformed("Invalid token header. Token string should not contain spaces.");
        }
        return new Credentials(true, null, parts[1], null);
    }

    private static Credentials malformed(String message) {
        return new Credentials(false, null, null, message);
    }

    private Outcome verify(Credentials credentials) {
        if (!credentials.token()) {
            Optional<User> user = users.findByUsername(credentials.username());
            if (user.isEmpty() || !user.get().isActive()
                    || !passwords.matches(credentials.secret(), user.get().getPassword())) {
                return Outcome.failed("Invalid username/password.");
            }
            return Outcome.of(principal(user.get()));
        }
        Optional<AuthToken> token = tokens.findById(credentials.secret());
        if (token.isEmpty()) {
            return Outcome.failed("Invalid token.");
        }
        if (!token.get().getUser().isActive()) {
            return Outcome.failed("User inactive or deleted.");
        }
        return Outcome.of(principal(token.get().getUser()));
    }

    /**
     * Checks a username and password as HTTP Basic does (inactive users are refused, failures are
     * counted and may lock the username or address out), for the admin UI's session login.
     */
    public Login login(String username, String password, String address) {
        String name = username == null ? "" : username;
        long wait = throttle.lockedFor(name, address);
        if (wait > 0) {
            return new Login(Optional.empty(), wait);
        }
        Optional<User> user = readOnly.execute(status -> users.findByUsername(name).filter(User::isActive)
                .filter(found -> password != null && passwords.matches(password, found.getPassword())));
        if (user.isPresent()) {
            throttle.succeeded(name);
        } else {
            throttle.failed(name, address);
        }
        return new Login(user, 0);
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

    /** Headers carry passwords: only their digests are kept. */
    private static String digest(String header) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(header.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
