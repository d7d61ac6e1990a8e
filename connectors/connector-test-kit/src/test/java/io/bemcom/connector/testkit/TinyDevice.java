package io.bemcom.connector.testkit;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.bemcom.connector.FatalDeviceException;
import io.bemcom.connector.PollingDevice;
import io.bemcom.protocol.JsonValues;
import tools.jackson.databind.JsonNode;

/**
 * The smallest device: a thermometer with a nested reading and a switchable heater. Tests make it
 * fail, hang or die on demand and read back what was written to it.
 */
final class TinyDevice implements PollingDevice {

    record Write(String datapointId, JsonNode value, long timestamp) {
    }

    final List<Write> writes = new CopyOnWriteArrayList<>();
    final AtomicInteger reads = new AtomicInteger();
    final AtomicReference<Exception> nextReadFailure = new AtomicReference<>();
    final AtomicReference<Exception> nextWriteFailure = new AtomicReference<>();
    volatile long writeDelayMillis;
    volatile double temperature = 21.5;
    volatile boolean closed;

    @Override
    public JsonNode read() throws Exception {
        reads.incrementAndGet();
        Exception failure = nextReadFailure.getAndSet(null);
        if (failure != null) {
            throw failure;
        }
        return JsonValues.parse("{\"t\": " + temperature + ", \"h\": 40}");
    }

    @Override
    public JsonNode parse(JsonNode raw) {
        if (raw.has("garbage")) {
            throw new IllegalArgumentException("cannot parse " + raw);
        }
        return JsonValues.parse("{\"room\": {\"temperature\": " + raw.get("t") + ", \"humidity\": " + raw.get("h")
                + "}, \"status\": \"ok\"}");
    }

    @Override
    public Map<String, JsonNode> actuators() {
        return Map.of("heater__on", JsonValues.of(false));
    }

    @Override
    public void write(String datapointId, JsonNode value, long timestamp) throws Exception {
        Exception failure = nextWriteFailure.getAndSet(null);
        if (failure != null) {
            throw failure;
        }
        if (writeDelayMillis > 0) {
            Thread.sleep(writeDelayMillis);
        }
        writes.add(new Write(datapointId, value, timestamp));
    }

    @Override
    public void close() {
        closed = true;
    }

    static FatalDeviceException fatal() {
        return new FatalDeviceException("the device is gone for good");
    }
}
