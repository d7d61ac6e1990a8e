package io.bemcom.api.datapoint;

import java.util.Locale;

import org.springframework.data.jpa.domain.Specification;

/** Conditions on datapoints to combine for {@link DatapointRepository#findAll(Specification, org.springframework.data.domain.Pageable)}. */
public final class DatapointSpecifications {

    private DatapointSpecifications() {
    }

    public static Specification<Datapoint> ofType(String type) {
        return (root, query, cb) -> cb.equal(root.get("type"), type);
    }

    public static Specification<Datapoint> ofConnector(long connectorId) {
        return (root, query, cb) -> cb.equal(root.get("connector").get("id"), connectorId);
    }

    public static Specification<Datapoint> withDataFormat(String dataFormat) {
        return (root, query, cb) -> cb.equal(root.get("dataFormat"), dataFormat);
    }

    public static Specification<Datapoint> active(boolean active) {
        return (root, query, cb) -> cb.equal(root.get("active"), active);
    }

    /** With a short name ({@code true}) or without one. */
    public static Specification<Datapoint> withShortName(boolean set) {
        return (root, query, cb) -> set ? cb.isNotNull(root.get("shortName")) : cb.isNull(root.get("shortName"));
    }

    /**
     * Key, short name, description or example value contain {@code text}, ignoring case; the
     * characters {@code \ % _} of {@code text} are left out (no wildcards).
     */
    public static Specification<Datapoint> containing(String text) {
        String pattern = "%" + text.toLowerCase(Locale.ROOT).replace("\\", "").replace("%", "").replace("_", "") + "%";
        return (root, query, cb) -> cb.or(
                cb.like(cb.lower(root.get("keyInConnector")), pattern),
                cb.like(cb.lower(cb.coalesce(root.get("shortName"), "")), pattern),
                cb.like(cb.lower(root.get("description")), pattern),
                cb.like(cb.lower(cb.coalesce(root.get("exampleValue"), "")), pattern));
    }
}
