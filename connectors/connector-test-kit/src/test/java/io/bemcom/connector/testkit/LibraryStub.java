package io.bemcom.connector.testkit;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;

/**
 * Stands in for a device library (Calimero, Java-WebSocket, the JDK's HttpServer): opened, it runs
 * a receiver thread of its own that reads "the wire", calls the device back there, and logs there
 * through SLF4J, java.util.logging and System.Logger — none of which the SDK made.
 */
final class LibraryStub implements AutoCloseable {

    private static final Logger slf4j = LoggerFactory.getLogger("org.example.library.Receiver");
    private static final java.util.logging.Logger jul = java.util.logging.Logger.getLogger("org.example.library.Jul");
    private static final System.Logger platform = System.getLogger("org.example.library.Platform");

    private final BlockingQueue<Runnable> wire = new LinkedBlockingQueue<>();
    private final Consumer<JsonNode> callback;
    private final Thread receiver;

    /** Opens the library: its receiver thread starts now, on behalf of whoever opens it. */
    LibraryStub(Consumer<JsonNode> callback) {
        this.callback = callback;
        receiver = new Thread(this::receiveLoop, "library-receiver");
        receiver.setDaemon(true);
        receiver.start();
    }

    private void receiveLoop() {
        try {
            while (true) {
                wire.take().run();
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    /** A message arrives on the wire; the library hands it to the callback on its receiver thread. */
    void receive(JsonNode message) {
        wire.add(() -> callback.accept(message));
    }

    /** The library logs {@code text} on its receiver thread through all three logging APIs. */
    void logOnOwnThread(String text) {
        wire.add(() -> {
            slf4j.warn("slf4j: {}", text);
            jul.warning("jul: " + text);
            platform.log(System.Logger.Level.WARNING, "system-logger: " + text);
        });
    }

    @Override
    public void close() {
        receiver.interrupt();
    }
}
