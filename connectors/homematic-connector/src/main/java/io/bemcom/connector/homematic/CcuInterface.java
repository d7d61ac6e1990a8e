package io.bemcom.connector.homematic;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.bemcom.protocol.config.ConfigurationException;

/**
 * One interface process of the CCU, spoken to over XML-RPC: BidCos-RF (radio, port 2001) by
 * default, HmIP-RF (Homematic IP, port 2010), BidCos-Wired (port 2000) or VirtualDevices (heating
 * groups, port 9292, path {@code /groups}).
 *
 * @param name the interface's name as the CCU calls it; also the last part of our interface id
 * @param port its XML-RPC port on the CCU
 * @param path the HTTP path of its XML-RPC server
 */
record CcuInterface(String name, int port, String path) {

    static final String VARIABLE = "CCU_INTERFACES";
    static final String DEFAULT = "BidCos-RF";

    private static final Map<String, CcuInterface> KNOWN = Map.of(
            "BidCos-RF", new CcuInterface("BidCos-RF", 2001, "/"),
            "HmIP-RF", new CcuInterface("HmIP-RF", 2010, "/"),
            "BidCos-Wired", new CcuInterface("BidCos-Wired", 2000, "/"),
            "VirtualDevices", new CcuInterface("VirtualDevices", 9292, "/groups"));

    /** Where the interface answers on the CCU {@code host}. */
    URI uri(String host) {
        return URI.create("http://" + HomematicConfig.hostInUri(host) + ":" + port + path);
    }

    /**
     * Reads {@value #VARIABLE}: interface names separated by commas, each with its port as
     * {@code name:port} when it is not one of the known four or listens elsewhere (e.g.
     * {@code BidCos-RF,HmIP-RF} or {@code BidCos-RF:2001,HmIP-RF:2010}).
     */
    static List<CcuInterface> parseList(String text) {
        List<CcuInterface> interfaces = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String entry : text.split(",")) {
            CcuInterface parsed = parse(entry.trim());
            if (!names.add(parsed.name())) {
                throw new ConfigurationException(VARIABLE + " names the interface " + parsed.name() + " twice.");
            }
            interfaces.add(parsed);
        }
        return List.copyOf(interfaces);
    }

    private static CcuInterface parse(String entry) {
        int colon = entry.indexOf(':');
        String name = (colon < 0 ? entry : entry.substring(0, colon)).trim();
        if (name.isEmpty() || !name.matches("[A-Za-z0-9._-]+")) {
            throw new ConfigurationException(VARIABLE + " must list interface names such as BidCos-RF,HmIP-RF"
                    + " (each optionally with :<port>), got '" + entry + "'.");
        }
        CcuInterface known = KNOWN.get(name);
        if (colon < 0) {
            if (known == null) {
                throw new ConfigurationException(VARIABLE + ": " + name + " is none of the interfaces with a known"
                        + " port (" + String.join(", ", KNOWN.keySet().stream().sorted().toList())
                        + "); give its port as " + name + ":<port>.");
            }
            return known;
        }
        String portText = entry.substring(colon + 1).trim();
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw new ConfigurationException(VARIABLE + ": the port of " + name + " must be a TCP port (1-65535),"
                    + " got '" + portText + "'.");
        }
        return new CcuInterface(name, port, known == null ? "/" : known.path());
    }
}
