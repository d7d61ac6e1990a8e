package io.bemcom.connector.homematic.xmlrpc;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An XML-RPC fault: the answer {@code <fault>} with its {@code faultCode} and {@code faultString},
 * either received from a peer or to be sent to one.
 */
public final class XmlRpcFault extends Exception {

    /** Code for a request that is not well-formed XML-RPC (the fault-code interoperability convention). */
    public static final int PARSE_ERROR = -32700;
    /** Code for a method the server does not offer. */
    public static final int METHOD_NOT_FOUND = -32601;
    /** Code for parameters the method does not accept. */
    public static final int INVALID_PARAMETERS = -32602;

    private final int code;

    public XmlRpcFault(int code, String faultString) {
        super(faultString);
        this.code = code;
    }

    public int code() {
        return code;
    }

    public String faultString() {
        return getMessage();
    }

    /** The fault as the specification's struct: {@code faultCode}, then {@code faultString}. */
    public Map<String, Object> struct() {
        Map<String, Object> struct = new LinkedHashMap<>();
        struct.put("faultCode", code);
        struct.put("faultString", getMessage() == null ? "" : getMessage());
        return struct;
    }

    @Override
    public String toString() {
        return "fault " + code + " (" + getMessage() + ")";
    }
}
