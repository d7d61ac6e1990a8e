package io.bemcom.api.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;

/** A user's API token (40 hex characters, at most one per user, no expiry), as DRF's authtoken. */
@Entity
@Table(name = "auth_token")
public class AuthToken {

    @Id
    @Column(name = "token_key", length = 40)
    private String key;

    @OneToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "user_id", nullable = false, unique = true)
    private User user;

    @Column(nullable = false)
    private long created = System.currentTimeMillis();

    protected AuthToken() {
    }

    public AuthToken(String key, User user) {
        this.key = key;
        this.user = user;
    }

    public String getKey() {
        return key;
    }

    public User getUser() {
        return user;
    }

    public long getCreated() {
        return created;
    }
}
