package io.bemcom.connector.knx.simulator;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.bemcom.connector.testkit.LoopbackServer;
import io.calimero.GroupAddress;
import io.calimero.IndividualAddress;
import io.calimero.KNXException;
import io.calimero.Priority;
import io.calimero.ReturnCode;
import io.calimero.cemi.CEMILData;
import io.calimero.knxnetip.servicetype.ConnectRequest;
import io.calimero.knxnetip.servicetype.ConnectResponse;
import io.calimero.knxnetip.servicetype.ConnectionstateRequest;
import io.calimero.knxnetip.servicetype.ConnectionstateResponse;
import io.calimero.knxnetip.servicetype.DisconnectRequest;
import io.calimero.knxnetip.servicetype.DisconnectResponse;
import io.calimero.knxnetip.servicetype.ErrorCodes;
import io.calimero.knxnetip.servicetype.KNXnetIPHeader;
import io.calimero.knxnetip.servicetype.PacketHelper;
import io.calimero.knxnetip.servicetype.ServiceRequest;
import io.calimero.knxnetip.servicetype.TunnelingFeature;
import io.calimero.knxnetip.util.HPAI;
import io.calimero.knxnetip.util.TunnelCRD;

/**
 * A KNXnet/IP gateway offering tunnelling v2 over TCP (KNX 03.08.04 Tunnelling, 03.08.02 Core
 * §"TCP"), built from Calimero's frame classes — knxd has no TCP tunnel. Behind it is a bus of its
 * own: {@link #sendGroupValue} puts a telegram of another device on it (an L_Data.ind to the
 * client), and every L_Data.req of the client is recorded ({@link #received}) and confirmed
 * (L_Data.con). Over TCP there are no tunnelling acknowledgements and sequence numbers are not
 * checked. The telegrams' bytes (transport and application header, data) are the test's, taken
 * from the KNX standard, not from the connector's codec.
 */
public final class TcpTunnellingServer implements AutoCloseable {

    /** The individual address the server assigns to its tunnel. */
    public static final IndividualAddress TUNNEL_ADDRESS = new IndividualAddress(1, 1, 250);

    /** A group telegram the client sent: destination and TPDU (transport/application header, then data). */
    public record Frame(GroupAddress destination, byte[] tpdu) {
    }

    private final LoopbackServer server;
    private final List<Frame> received = new CopyOnWriteArrayList<>();
    private final Map<Socket, Integer> channels = new ConcurrentHashMap<>();
    private volatile int connectRequests;
    private int nextChannel = 1;

    private TcpTunnellingServer() {
        this.server = LoopbackServer.start("knx-tcp-gateway", client -> {
            Thread reader = new Thread(() -> serve(client), "knx-tcp-gateway-client");
            reader.setDaemon(true);
            reader.start();
        });
    }

    public static TcpTunnellingServer start() {
        return new TcpTunnellingServer();
    }

    public int port() {
        return server.port();
    }

    /** Tunnels open now. */
    public int connections() {
        return server.connections().size();
    }

    /** Connect requests answered so far. */
    public int connectRequests() {
        return connectRequests;
    }

    public List<Frame> received() {
        return List.copyOf(received);
    }

    /**
     * Another device on the bus sends {@code tpdu} to {@code destination}: e.g. a GroupValueWrite of
     * a 6-bit value {@code 00 81} (APCI 0x080 | value), of bytes {@code 00 80 07 89}.
     */
    public void sendGroupValue(String destination, IndividualAddress source, byte... tpdu) {
        try {
            CEMILData indication = new CEMILData(CEMILData.MC_LDATA_IND, source, new GroupAddress(destination), tpdu,
                    Priority.LOW);
            broadcast(PacketHelper.toPacket(new ServiceRequest<>(KNXnetIPHeader.TUNNELING_REQ, 0, 0, indication)),
                    true);
        } catch (KNXException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Sends {@code bytes} as they are to every tunnel, e.g. a malformed frame. */
    public void sendRaw(byte[] bytes) {
        broadcast(bytes, false);
    }

    private void broadcast(byte[] frame, boolean withChannel) {
        for (Socket client : server.connections()) {
            if (withChannel) {
                frame[7] = (byte) channelOf(client); // connection header: length, channel, sequence, reserved
            }
            send(client, frame);
        }
    }

    /** The gateway goes away: listening stops and every tunnel's connection is closed. */
    public void disappear() {
        server.disappear();
    }

    /** The gateway is back on the same port. */
    public void comeBack() {
        server.comeBack();
    }

    @Override
    public void close() {
        server.close();
    }

    private int channelOf(Socket client) {
        return channels.getOrDefault(client, 0);
    }

    private void serve(Socket client) {
        try (client) {
            DataInputStream in = new DataInputStream(client.getInputStream());
            while (true) {
                byte[] headerBytes = new byte[6];
                in.readFully(headerBytes);
                KNXnetIPHeader header = new KNXnetIPHeader(headerBytes, 0);
                byte[] frame = new byte[header.getTotalLength()];
                System.arraycopy(headerBytes, 0, frame, 0, 6);
                in.readFully(frame, 6, frame.length - 6);
                if (!handle(client, header, frame)) {
                    return;
                }
            }
        } catch (EOFException | SocketException closed) {
            // the client or the test closed the connection
        } catch (IOException | KNXException e) {
            throw new IllegalStateException("the simulated gateway could not serve its client: " + e, e);
        }
    }

    /** Answers one frame; false once the tunnel is disconnected. */
    private boolean handle(Socket client, KNXnetIPHeader header, byte[] frame) throws KNXException {
        int body = header.getStructLength();
        switch (header.getServiceType()) {
            case KNXnetIPHeader.CONNECT_REQ -> {
                new ConnectRequest(frame, body); // parses, or throws on a malformed request
                int channel;
                synchronized (this) {
                    channel = nextChannel++;
                }
                channels.put(client, channel);
                connectRequests++;
                send(client, PacketHelper.toPacket(new ConnectResponse(channel, ErrorCodes.NO_ERROR, HPAI.Tcp,
                        new TunnelCRD(TUNNEL_ADDRESS))));
            }
            case KNXnetIPHeader.CONNECTIONSTATE_REQ -> {
                ConnectionstateRequest request = new ConnectionstateRequest(frame, body);
                send(client, PacketHelper.toPacket(new ConnectionstateResponse(request.getChannelID(),
                        ErrorCodes.NO_ERROR)));
            }
            case KNXnetIPHeader.DISCONNECT_REQ -> {
                DisconnectRequest request = new DisconnectRequest(frame, body);
                send(client, PacketHelper.toPacket(new DisconnectResponse(request.getChannelID(), ErrorCodes.NO_ERROR)));
                return false;
            }
            case KNXnetIPHeader.TunnelingFeatureGet, KNXnetIPHeader.TunnelingFeatureSet -> {
                var request = ServiceRequest.from(header, frame, body);
                TunnelingFeature feature = request.service();
                TunnelingFeature response = TunnelingFeature.newResponse(feature.featureId(), ReturnCode.Success,
                        featureValue(feature));
                send(client, PacketHelper.toPacket(new ServiceRequest<>(KNXnetIPHeader.TunnelingFeatureResponse,
                        request.getChannelID(), 0, response)));
            }
            case KNXnetIPHeader.TUNNELING_REQ -> {
                var request = ServiceRequest.from(header, frame, body);
                CEMILData data = request.service();
                if (data.getMessageCode() == CEMILData.MC_LDATA_REQ && data.getDestination() instanceof GroupAddress group) {
                    received.add(new Frame(group, data.getPayload()));
                }
                // L_Data.con: the frame went out on the bus, from the tunnel's address.
                CEMILData confirmation = new CEMILData(CEMILData.MC_LDATA_CON, TUNNEL_ADDRESS, data.getDestination(),
                        data.getPayload(), data.getPriority(), false);
                send(client, PacketHelper.toPacket(new ServiceRequest<>(KNXnetIPHeader.TUNNELING_REQ,
                        request.getChannelID(), 0, confirmation)));
            }
            default -> {
                // no other service of a tunnelling server is needed here
            }
        }
        return true;
    }

    private static byte[] featureValue(TunnelingFeature feature) {
        return switch (feature.featureId()) {
            case IndividualAddress -> TUNNEL_ADDRESS.toByteArray();
            case MaxApduLength -> new byte[] { 0, 15 };
            case DeviceDescriptorType0 -> new byte[] { 0x09, 0x1A };
            default -> feature.featureValue().orElse(new byte[] { 0 });
        };
    }

    private static void send(Socket client, byte[] frame) {
        try {
            synchronized (client) {
                OutputStream out = client.getOutputStream();
                out.write(frame);
                out.flush();
            }
        } catch (IOException e) {
            try {
                client.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
