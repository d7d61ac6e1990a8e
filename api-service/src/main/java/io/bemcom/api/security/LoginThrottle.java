package io.bemcom.api.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.bemcom.api.config.ApiSettings;
import io.bemcom.api.config.ApiSettings.LoginLimits;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Brute-force protection: counts failed logins (HTTP Basic, Bearer tokens, the admin login form)
 * per username and per client address, and refuses a username or an address for a while once its
 * failures within the window reach the limit ({@link LoginLimits}). While refused, not even the
 * right password is checked. In memory, per service instance.
 */
@Component
public class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    private static final int MAX_ENTRIES = 100_000;

    private final LoginLimits limits;
    private final Map<String, Failures> users = new ConcurrentHashMap<>();
    private final Map<String, Failures> addresses = new ConcurrentHashMap<>();
    private final Counter failed;
    private final Counter refused;

    /** Failures of one username or address in the current window, and until when it is refused. */
    private static final class Failures {
        long windowStart;
        int count;
        long lockedUntil;
    }

    public LoginThrottle(ApiSettings settings, MeterRegistry registry) {
        this.limits = settings.loginLimits();
        this.failed = Counter.builder("bemcom.api.login.failures").description("Failed logins (wrong password or token)")
                .register(registry);
        this.refused = Counter.builder("bemcom.api.login.refused")
                .description("Logins refused unchecked because the username or client address is locked out")
                .register(registry);
    }

    /**
     * Seconds until a login of {@code username} (null for a token) from {@code address} may be
     * checked again; 0 when it may be checked now. A positive answer is counted as refused.
     */
    public long lockedFor(String username, String address) {
        long now = System.currentTimeMillis();
        long until = Math.max(lockedUntil(users, username, now), lockedUntil(addresses, address, now));
        if (until <= now) {
            return 0;
        }
        refused.increment();
        return Math.max(1, (until - now + 999) / 1000);
    }

    /** Counts a failed login; may lock the username or the address out. */
    public void failed(String username, String address) {
        failed.increment();
        long now = System.currentTimeMillis();
        count(users, username, limits.perUser(), now, "username");
        count(addresses, address, limits.perAddress(), now, "client address");
    }

    /** A login that worked forgets the username's earlier failures (not the address's). */
    public void succeeded(String username) {
        if (username != null) {
            users.remove(username);
        }
    }

    private static long lockedUntil(Map<String, Failures> table, String key, long now) {
        if (key == null) {
            return 0;
        }
        Failures failures = table.get(key);
        if (failures == null) {
            return 0;
        }
        synchronized (failures) {
            return failures.lockedUntil;
        }
    }

    private void count(Map<String, Failures> table, String key, int limit, long now, String what) {
        if (key == null || limit == 0) {
            return;
        }
        if (table.size() > MAX_ENTRIES) {
            table.values().removeIf(failures -> {
                synchronized (failures) {
                    return failures.lockedUntil < now && now - failures.windowStart > limits.window().toMillis();
                }
            });
        }
        Failures failures = table.computeIfAbsent(key, k -> new Failures());
        synchronized (failures) {
            if (now - failures.windowStart > limits.window().toMillis()) {
                failures.windowStart = now;
                failures.count = 0;
            }
            failures.count++;
            if (failures.count >= limit && failures.lockedUntil < now) {
                failures.lockedUntil = now + limits.lockout().toMillis();
                failures.count = 0;
                failures.windowStart = now;
                log.warn("{} failed logins of {} {} within {} s: refused for {} s.", limit, what,
                        io.bemcom.protocol.JsonValues.toJson(io.bemcom.protocol.JsonValues.of(key)),
                        limits.window().toSeconds(), limits.lockout().toSeconds());
            }
        }
    }
}
