package io.bemcom.api.connector;

import java.util.Locale;

import org.springframework.data.jpa.domain.Specification;

/** Conditions on connector log entries to combine for {@link ConnectorLogEntryRepository#findAll(Specification, org.springframework.data.domain.Pageable)}. */
public final class ConnectorLogEntrySpecifications {

    private ConnectorLogEntrySpecifications() {
    }

    public static Specification<ConnectorLogEntry> ofConnector(long connectorId) {
        return (root, query, cb) -> cb.equal(root.get("connectorId"), connectorId);
    }

    public static Specification<ConnectorLogEntry> atLevel(int level) {
        return (root, query, cb) -> cb.equal(root.get("level"), level);
    }

    public static Specification<ConnectorLogEntry> fromEmitter(String emitter) {
        return (root, query, cb) -> cb.equal(root.get("emitter"), emitter);
    }

    /** The message contains {@code text}, ignoring case; the characters {@code % _} of {@code text} are left out. */
    public static Specification<ConnectorLogEntry> messageContaining(String text) {
        String pattern = "%" + text.trim().toLowerCase(Locale.ROOT).replace("%", "").replace("_", "") + "%";
        return (root, query, cb) -> cb.like(cb.lower(root.get("msg")), pattern);
    }
}
