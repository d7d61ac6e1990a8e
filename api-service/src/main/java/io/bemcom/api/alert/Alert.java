package io.bemcom.api.alert;

/**
 * One raised alert (issue 20): a datapoint whose last value is older than its maximum age, or a
 * connector whose heartbeat is overdue. Computed from the database alone, so that every instance
 * computes the same alert with the same content.
 *
 * @param kind      {@link #STALE_DATAPOINT} or {@link #OVERDUE_HEARTBEAT}
 * @param connector the connector's name
 * @param datapoint the datapoint's id, null for a heartbeat alert
 * @param since     when it became due (ms since the epoch): last value time plus maximum age, or the
 *                  next heartbeat's time; null for a datapoint that has no value yet
 */
public record Alert(String kind, String connector, Long datapoint, Long since) {

    public static final String STALE_DATAPOINT = "stale_datapoint";
    public static final String OVERDUE_HEARTBEAT = "overdue_heartbeat";

    /** Identifies the alert across checks. */
    public String key() {
        return datapoint != null ? "datapoint:" + datapoint : "connector:" + connector;
    }

    public String describe() {
        return datapoint != null
                ? "datapoint " + datapoint + " of connector '" + connector + "' has no value within its maximum age"
                : "the heartbeat of connector '" + connector + "' is overdue";
    }
}
