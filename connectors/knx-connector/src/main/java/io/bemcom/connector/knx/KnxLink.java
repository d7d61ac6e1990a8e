package io.bemcom.connector.knx;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.calimero.CloseEvent;
import io.calimero.DetachEvent;
import io.calimero.GroupAddress;
import io.calimero.KNXException;
import io.calimero.dptxlator.DPTXlator;
import io.calimero.knxnetip.TcpConnection;
import io.calimero.link.KNXNetworkLink;
import io.calimero.link.KNXNetworkLinkIP;
import io.calimero.link.NetworkLinkListener;
import io.calimero.link.medium.TPSettings;
import io.calimero.process.ProcessCommunicator;
import io.calimero.process.ProcessCommunicatorImpl;
import io.calimero.process.ProcessEvent;
import io.calimero.process.ProcessListener;

/**
 * One tunnelling connection to the gateway, from open to close. Calimero does not reconnect a
 * closed link by itself; the device opens a new one (see {@link KnxDevice#receive}).
 */
final class KnxLink implements AutoCloseable {

    private final KNXNetworkLink link;
    private final TcpConnection tcp;
    private final ProcessCommunicator communicator;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicReference<String> closeReason = new AtomicReference<>("closed");

    private KnxLink(KNXNetworkLink link, TcpConnection tcp, Consumer<ProcessEvent> groupValues)
            throws KNXException {
        this.link = link;
        this.tcp = tcp;
        link.addLinkListener(new NetworkLinkListener() {
            @Override
            public void linkClosed(CloseEvent event) {
                closeReason.set(event.getReason() == null ? "no reason given" : event.getReason());
                closed.countDown();
            }
        });
        this.communicator = new ProcessCommunicatorImpl(link);
        communicator.addProcessListener(new ProcessListener() {
            @Override
            public void groupWrite(ProcessEvent event) {
                groupValues.accept(event);
            }

            @Override
            public void groupReadResponse(ProcessEvent event) {
                groupValues.accept(event); // a value like a write, as the original handled it
            }

            @Override
            public void groupReadRequest(ProcessEvent event) {
                // carries no value
            }

            @Override
            public void detached(DetachEvent event) {
            }
        });
        if (!link.isOpen()) {
            closed.countDown(); // closed before the listener was there
        }
    }

    /**
     * Opens a tunnel to the gateway of {@code settings}; {@code groupValues} receives every group
     * value write and response, on Calimero's threads.
     *
     * @throws IOException saying why the gateway could not be reached
     */
    static KnxLink open(KnxSettings settings, Consumer<ProcessEvent> groupValues)
            throws IOException, InterruptedException {
        InetSocketAddress gateway = new InetSocketAddress(settings.host(), settings.port());
        if (gateway.isUnresolved()) {
            throw new IOException("cannot resolve the host name " + settings.host());
        }
        TcpConnection tcp = null;
        KNXNetworkLink link = null;
        try {
            if (settings.protocol() == KnxSettings.Protocol.TCP) {
                tcp = TcpConnection.newTcpConnection(gateway);
                link = KNXNetworkLinkIP.newTunnelingLink(tcp, new TPSettings());
            } else {
                link = KNXNetworkLinkIP.newTunnelingLink(new InetSocketAddress(0), gateway, settings.nat(),
                        new TPSettings());
            }
            return new KnxLink(link, tcp, groupValues);
        } catch (KNXException | RuntimeException e) {
            if (link != null) {
                link.close();
            }
            if (tcp != null) {
                tcp.close();
            }
            throw new IOException(message(e), e);
        }
    }

    private static String message(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == e ? e.getMessage() : e.getMessage() + " (" + cause.getMessage() + ")";
    }

    /** Blocks until the link is closed, by either side; the reason. */
    String awaitClose() throws InterruptedException {
        closed.await();
        return closeReason.get();
    }

    /** Sends a GroupValueWrite of {@code value} to {@code destination}. */
    void write(GroupAddress destination, DPTXlator value) throws KNXException {
        communicator.write(destination, value);
    }

    /**
     * Disconnects (Calimero waits up to 10 s for the gateway's disconnect response), then closes the TCP
     * connection. Only the first call does it: a second closer must not close the TCP connection under
     * the first one's wait for that response.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        communicator.detach();
        link.close();
        if (tcp != null) {
            tcp.close(); // closing the link leaves the TCP connection open
        }
    }
}
