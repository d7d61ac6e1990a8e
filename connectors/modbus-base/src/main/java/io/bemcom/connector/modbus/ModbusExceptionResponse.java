package io.bemcom.connector.modbus;

/**
 * The device answered a request with a Modbus exception response: it is reachable, but refused
 * this request (Modbus Application Protocol Specification V1.1b3, section 7).
 */
public class ModbusExceptionResponse extends Exception {

    private final int code;

    public ModbusExceptionResponse(int code) {
        this(code, "the device answered with Modbus exception " + code + " (" + name(code) + ")");
    }

    public ModbusExceptionResponse(int code, String message) {
        super(message);
        this.code = code;
    }

    /** The exception code, e.g. 2 for "illegal data address". */
    public int code() {
        return code;
    }

    static String name(int code) {
        switch (code) {
            case 1: return "illegal function";
            case 2: return "illegal data address";
            case 3: return "illegal data value";
            case 4: return "server device failure";
            case 5: return "acknowledge";
            case 6: return "server device busy";
            case 8: return "memory parity error";
            case 10: return "gateway path unavailable";
            case 11: return "gateway target device failed to respond";
            default: return "unknown code";
        }
    }
}
