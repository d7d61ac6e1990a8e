package io.bemcom.connector.keba.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import io.bemcom.testsupport.Ports;

/**
 * A KEBA KeContact P30 on a real UDP socket, written from KEBA's UDP Programmers Guide (V2.01) and
 * the replies captured from a real P30 in the original's tests (connector notes 4.4.3): it answers
 * {@code report 1|2|3} with the device's JSON text (a newline after "{" and after each field, as the
 * real device formats it), takes {@code ena}, {@code curr}, {@code setenergy} and {@code display}
 * with {@code TCH-OK :done} (or {@code TCH-ERR} for what it refuses), and sends status datagrams
 * ({@code {"State": 3}}) to the address of the last command, as guide 3.4 says. Answers go to the
 * sender's address and port. It records every datagram it received, with the time.
 *
 * <p>Several stations run side by side on loopback addresses of their own (127.0.0.2, 127.0.0.3)
 * with the same port, as real stations on their own IPs all use 7090.
 */
public final class SimulatedKebaStation implements AutoCloseable {

    /** A datagram the station received, and when ({@link System#nanoTime()}). */
    public record Received(String text, long nanos) {
    }

    private final DatagramSocket socket;
    private final Thread thread;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile SocketAddress lastSender;
    private volatile boolean answering = true;
    private volatile boolean refuseCommands;
    private volatile int state = 1;
    private volatile int plug;
    private volatile int enableUser;
    private volatile int currUser = 16000;
    private volatile long setenergy;
    private volatile long ePres = 330130;
    private volatile String display = "";

    private SimulatedKebaStation(DatagramSocket socket) {
        this.socket = socket;
        this.thread = new Thread(this::serve, "keba-station-" + socket.getLocalAddress().getHostAddress());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Runs stations by hand: {@code <port> <address>...}, e.g. {@code 7091 127.0.0.2 127.0.0.3},
     * printing the commands they receive. Ends with Ctrl-C.
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: SimulatedKebaStation <port> <address>...");
            System.exit(2);
        }
        List<SimulatedKebaStation> stations = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            stations.add(new SimulatedKebaStation(new DatagramSocket(new InetSocketAddress(args[i],
                    Integer.parseInt(args[0])))));
        }
        System.out.println("KEBA P30 stations on " + List.of(args).subList(1, args.length) + ", UDP port " + args[0]);
        int[] printed = new int[stations.size()];
        while (true) {
            Thread.sleep(1_000);
            for (int i = 0; i < stations.size(); i++) {
                List<String> commands = stations.get(i).commands();
                for (String command : commands.subList(printed[i], commands.size())) {
                    System.out.println(stations.get(i).address() + " received: " + command);
                }
                printed[i] = commands.size();
            }
        }
    }

    /** Stations on each of {@code addresses}, all on one free UDP port. */
    public static List<SimulatedKebaStation> start(String... addresses) {
        for (int attempt = 0; attempt < 20; attempt++) {
            List<DatagramSocket> sockets = new ArrayList<>();
            try {
                DatagramSocket first = new DatagramSocket(new InetSocketAddress(addresses[0], 0));
                sockets.add(first);
                for (int i = 1; i < addresses.length; i++) {
                    sockets.add(new DatagramSocket(new InetSocketAddress(addresses[i], first.getLocalPort())));
                }
                return sockets.stream().map(SimulatedKebaStation::new).toList();
            } catch (SocketException taken) {
                sockets.forEach(DatagramSocket::close);
            }
        }
        throw new IllegalStateException("no free UDP port for stations on " + List.of(addresses));
    }

    /** A UDP port nobody uses at the moment, for the connector's own socket. */
    public static int freePort() {
        return Ports.free();
    }

    public int port() {
        return socket.getLocalPort();
    }

    public String address() {
        return socket.getLocalAddress().getHostAddress();
    }

    // ------------------------------------------------------------------ the device's answers

    private void serve() {
        byte[] buffer = new byte[1024];
        while (!socket.isClosed()) {
            DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(datagram);
            } catch (IOException closed) {
                return;
            }
            String text = new String(datagram.getData(), 0, datagram.getLength(), StandardCharsets.US_ASCII);
            received.add(new Received(text, System.nanoTime()));
            if (!answering) {
                continue;
            }
            lastSender = datagram.getSocketAddress();
            String answer = answer(text.trim());
            if (answer != null) {
                send(answer, datagram.getSocketAddress());
            }
        }
    }

    private String answer(String command) {
        switch (command) {
            case "report 1":
                return report("\"ID\": \"1\"", "\"Product\": \"KC-P30-ES240022-E0R\"", "\"Serial\": \"17643683\"",
                        "\"Firmware\":\"P30 v 3.9.10 (171113-103030)\"", "\"COM-module\": 0", "\"Backend\": 0",
                        "\"timeQ\": 2", "\"Sec\": 67399365");
            case "report 2":
                return report("\"ID\": \"2\"", "\"State\": " + state, "\"Error1\": 0", "\"Error2\": 0",
                        "\"Plug\": " + plug, "\"AuthON\": 0", "\"Authreq\": 0", "\"Enable sys\": " + enableUser,
                        "\"Enable user\": " + enableUser, "\"Max curr\": 0", "\"Max curr %\": 1000", "\"Curr HW\": 0",
                        "\"Curr user\": " + currUser, "\"Curr FS\": 0", "\"Tmo FS\": 0", "\"Curr timer\": 0",
                        "\"Tmo CT\": 0", "\"Setenergy\": " + setenergy, "\"Output\": 0", "\"Input\": 0",
                        "\"Serial\": \"17643683\"", "\"Sec\": 67399365");
            case "report 3":
                return report("\"ID\": \"3\"", "\"U1\": 0", "\"U2\": 0", "\"U3\": 0", "\"I1\": 0", "\"I2\": 0",
                        "\"I3\": 0", "\"P\": 0", "\"PF\": 0", "\"E pres\": " + ePres, "\"E total\": 4781461",
                        "\"Serial\": \"17643683\"", "\"Sec\": 67399365");
            default:
                return command(command.split(" ", 2));
        }
    }

    /** Guide 3.2/3.3: ena 0|1, curr 6000-63000, setenergy 0-999999999, display a min max tk text. */
    private String command(String[] words) {
        String argument = words.length > 1 ? words[1] : "";
        if (refuseCommands) {
            return "TCH-ERR\n";
        }
        try {
            switch (words[0]) {
                case "ena":
                    int enable = Integer.parseInt(argument);
                    if (enable == 0 || enable == 1) {
                        enableUser = enable;
                        return "TCH-OK :done\n";
                    }
                    break;
                case "curr":
                    int current = Integer.parseInt(argument);
                    if (current >= 6000 && current <= 63000) {
                        currUser = current;
                        return "TCH-OK :done\n";
                    }
                    break;
                case "setenergy":
                    long energy = Long.parseLong(argument);
                    if (energy >= 0 && energy <= 999_999_999L) {
                        setenergy = energy;
                        return "TCH-OK :done\n";
                    }
                    break;
                case "display":
                    String[] parts = argument.split(" ", 5);
                    if (parts.length == 5 && parts[4].length() <= 23) {
                        display = parts[4].replace('$', ' ');
                        return "TCH-OK :done\n";
                    }
                    break;
                default:
                    break;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        return "TCH-ERR\n";
    }

    private static String report(String... fields) {
        return "{\n" + String.join(",\n", fields) + "\n}\n";
    }

    private void send(String text, SocketAddress to) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ what a test does to it

    /** Sends a status datagram ({@code {"State": 3}}) to whoever sent the last command, as the device does. */
    public void sendStatus(String json) {
        sendToLastSender(json);
    }

    /** Sends any text (garbage) to whoever sent the last command. */
    public void sendToLastSender(String text) {
        SocketAddress to = lastSender;
        if (to == null) {
            throw new IllegalStateException("nobody has sent the station anything yet");
        }
        send(text, to);
    }

    /** The charging state changes (report 2's State), and the station tells the last sender at once. */
    public void changeState(int value) {
        state = value;
        sendStatus("{\"State\": " + value + "}");
    }

    public void setEnergyPresent(long value) {
        ePres = value;
    }

    /** The station stops answering (cable pulled); it still records what arrives. */
    public void disappear() {
        answering = false;
    }

    public void comeBack() {
        answering = true;
    }

    /** Answers every command with TCH-ERR. */
    public void refuseCommands(boolean refuse) {
        refuseCommands = refuse;
    }

    public int currUser() {
        return currUser;
    }

    public int enableUser() {
        return enableUser;
    }

    public long setenergy() {
        return setenergy;
    }

    public String display() {
        return display;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The commands received that are no report requests. */
    public List<String> commands() {
        return received.stream().map(Received::text).filter(text -> !text.startsWith("report ")).toList();
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
