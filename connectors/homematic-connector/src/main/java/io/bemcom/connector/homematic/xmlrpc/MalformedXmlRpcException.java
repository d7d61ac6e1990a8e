package io.bemcom.connector.homematic.xmlrpc;

/** A document that is not XML-RPC as the specification has it, or that we refuse (DTDs, entities, too deep). */
public final class MalformedXmlRpcException extends Exception {

    public MalformedXmlRpcException(String message) {
        super(message);
    }

    public MalformedXmlRpcException(String message, Throwable cause) {
        super(message, cause);
    }
}
