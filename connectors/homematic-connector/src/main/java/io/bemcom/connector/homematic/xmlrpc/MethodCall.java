package io.bemcom.connector.homematic.xmlrpc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An XML-RPC {@code <methodCall>}: the method name and its parameters as Java values (see
 * {@link XmlRpcReader} for the mapping; {@code null} is {@code <nil/>}).
 */
public record MethodCall(String methodName, List<Object> params) {

    public MethodCall {
        // Not List.copyOf: a parameter may be nil.
        params = Collections.unmodifiableList(new ArrayList<>(params));
    }

    public static MethodCall of(String methodName, Object... params) {
        List<Object> list = new ArrayList<>(params.length);
        Collections.addAll(list, params);
        return new MethodCall(methodName, list);
    }
}
