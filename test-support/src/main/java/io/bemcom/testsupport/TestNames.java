package io.bemcom.testsupport;

import java.util.UUID;

/** Unique names, so that tests sharing one broker or database server never see each other. */
public final class TestNames {

    private TestNames() {
    }

    /** {@code <prefix>-<8 hex digits>}, lower case with dashes: valid as a connector name and topic level. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
