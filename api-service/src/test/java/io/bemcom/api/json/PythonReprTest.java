package io.bemcom.api.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.bemcom.protocol.JsonValues;

/** Values printed as Python's str()/repr() print them, so error messages read as the original's. No Spring. */
class PythonReprTest {

    @Test
    void printsScalarsAsPythonDoes() {
        assertThat(PythonRepr.str(JsonValues.parse("\"x\""))).isEqualTo("x");
        assertThat(PythonRepr.repr(JsonValues.parse("\"x\""))).isEqualTo("'x'");
        assertThat(PythonRepr.str(JsonValues.parse("40"))).isEqualTo("40");
        assertThat(PythonRepr.str(JsonValues.parse("40.0"))).isEqualTo("40.0");
        assertThat(PythonRepr.str(JsonValues.parse("true"))).isEqualTo("True");
        assertThat(PythonRepr.str(JsonValues.parse("false"))).isEqualTo("False");
        assertThat(PythonRepr.str(JsonValues.parse("null"))).isEqualTo("None");
        assertThat(PythonRepr.str(null)).isEqualTo("None");
    }

    @Test
    void printsListsAndDictsWithReprsInside() {
        assertThat(PythonRepr.str(JsonValues.parse("[\"on\", \"off\"]"))).isEqualTo("['on', 'off']");
        assertThat(PythonRepr.str(JsonValues.parse("{\"a\": 1, \"b\": [true, null]}")))
                .isEqualTo("{'a': 1, 'b': [True, None]}");
    }

    @Test
    void quotesStringsAsPythonChoosesTheQuotes() {
        assertThat(PythonRepr.repr(JsonValues.parse("\"it's\""))).isEqualTo("\"it's\"");
        assertThat(PythonRepr.repr(JsonValues.parse("\"say \\\"it's\\\"\""))).isEqualTo("'say \"it\\'s\"'");
        assertThat(PythonRepr.repr(JsonValues.parse("\"a\\\\b\""))).isEqualTo("'a\\\\b'");
    }

    @Test
    void printsFloatsAsPythonsRepr() {
        assertThat(PythonRepr.floatRepr(15)).isEqualTo("15.0");
        assertThat(PythonRepr.floatRepr(0.1)).isEqualTo("0.1");
        assertThat(PythonRepr.floatRepr(1e-5)).isEqualTo("1e-05");
        assertThat(PythonRepr.floatRepr(1.5e-7)).isEqualTo("1.5e-07");
        assertThat(PythonRepr.floatRepr(1e16)).isEqualTo("1e+16");
        assertThat(PythonRepr.floatRepr(123456789012345.0)).isEqualTo("123456789012345.0");
        assertThat(PythonRepr.floatRepr(Double.NaN)).isEqualTo("nan");
        assertThat(PythonRepr.floatRepr(Double.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(PythonRepr.floatRepr(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    }
}
