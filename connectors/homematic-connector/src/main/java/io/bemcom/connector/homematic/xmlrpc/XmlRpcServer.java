package io.bemcom.connector.homematic.xmlrpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An XML-RPC server on the JDK's {@link HttpServer}: every POST, whatever its path, is a
 * {@code <methodCall>} handed to {@link Methods}; {@code system.multicall} (the "boxcarring"
 * convention: an array of {@code {methodName, params}} structs, answered with an array of
 * one-element arrays or fault structs) is unpacked here. A request that is not XML-RPC is answered
 * with a fault ({@link XmlRpcFault#PARSE_ERROR}) and reported to {@link Methods#refused}.
 */
public final class XmlRpcServer implements AutoCloseable {

    /** Largest request accepted; a CCU's {@code newDevices} with every channel is well below. */
    static final int MAX_REQUEST_BYTES = 16 * 1024 * 1024;
    private static final String MULTICALL = "system.multicall";

    /** What the server offers. Called on the server's threads, possibly at once. */
    public interface Methods {

        /** Runs one call; a fault is sent back to the caller as such. */
        Object call(MethodCall call) throws XmlRpcFault;

        /** A request that was refused (malformed, too large, not a POST), and why. */
        default void refused(String reason) {
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Methods methods;

    private XmlRpcServer(HttpServer server, ExecutorService executor, Methods methods) {
        this.server = server;
        this.executor = executor;
        this.methods = methods;
    }

    /**
     * Listens on {@code address}, handling up to {@code threads} requests at once on threads named
     * {@code <threadName>-<n>}, all started at once by the calling thread.
     */
    public static XmlRpcServer start(InetSocketAddress address, int threads, String threadName, Methods methods)
            throws IOException {
        HttpServer server = HttpServer.create(address, 32);
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor executor = (ThreadPoolExecutor) Executors.newFixedThreadPool(threads, body -> {
            Thread thread = new Thread(body, threadName + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // Started here, by the caller: the server's dispatcher thread does not pass on inheritable
        // thread-locals (e.g. the connector a thread belongs to, for log forwarding), so threads it
        // would start on demand would belong to no one.
        executor.prestartAllCoreThreads();
        XmlRpcServer xmlRpc = new XmlRpcServer(server, executor, methods);
        server.createContext("/", xmlRpc::handle);
        server.setExecutor(executor);
        server.start();
        return xmlRpc;
    }

    /** The port it listens on (useful when started on port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                methods.refused(exchange.getRequestMethod() + " request from " + exchange.getRemoteAddress());
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_REQUEST_BYTES + 1);
            }
            if (body.length > MAX_REQUEST_BYTES) {
                methods.refused("a request of more than " + MAX_REQUEST_BYTES + " bytes from "
                        + exchange.getRemoteAddress());
                exchange.sendResponseHeaders(413, -1);
                return;
            }
            reply(exchange, answer(body, exchange));
        }
    }

    private byte[] answer(byte[] body, HttpExchange exchange) {
        MethodCall call;
        try {
            call = XmlRpcReader.readCall(body);
        } catch (MalformedXmlRpcException e) {
            methods.refused("a malformed request from " + exchange.getRemoteAddress() + ": " + e.getMessage());
            return XmlRpcWriter.fault(XmlRpcFault.PARSE_ERROR, "not an XML-RPC methodCall: " + e.getMessage());
        }
        try {
            return XmlRpcWriter.response(MULTICALL.equals(call.methodName()) ? multicall(call) : methods.call(call));
        } catch (XmlRpcFault fault) {
            return XmlRpcWriter.fault(fault.code(), fault.faultString());
        } catch (RuntimeException e) {
            return XmlRpcWriter.fault(-32603, "internal error: " + e);
        }
    }

    private List<Object> multicall(MethodCall call) throws XmlRpcFault {
        if (call.params().size() != 1 || !(call.params().get(0) instanceof List<?> calls)) {
            throw new XmlRpcFault(XmlRpcFault.INVALID_PARAMETERS, MULTICALL + " takes one array of calls");
        }
        List<Object> results = new ArrayList<>(calls.size());
        for (Object item : calls) {
            try {
                results.add(Collections.singletonList(one(item)));
            } catch (XmlRpcFault fault) {
                results.add(fault.struct());
            }
        }
        return results;
    }

    private Object one(Object item) throws XmlRpcFault {
        if (!(item instanceof Map<?, ?> struct) || !(struct.get("methodName") instanceof String name)
                || !(struct.get("params") instanceof List<?> params)) {
            throw new XmlRpcFault(XmlRpcFault.INVALID_PARAMETERS,
                    "a call of a multicall is a struct with a methodName and an array of params");
        }
        if (MULTICALL.equals(name)) {
            throw new XmlRpcFault(XmlRpcFault.INVALID_PARAMETERS, "a multicall cannot hold another multicall");
        }
        return methods.call(new MethodCall(name, new ArrayList<>(params)));
    }

    private static void reply(HttpExchange exchange, byte[] document) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=UTF-8");
        exchange.sendResponseHeaders(200, document.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(document);
        }
    }

    /** Stops listening at once and ends its threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
