package io.bemcom.connector.fronius;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Golden vectors from CPython 3 {@code repr(float)} (each double given exactly, in hex). */
class PythonFloatsTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource({
            "0x1.7809733333334p+4, 23.502307128906253",
            "0x1.2519084000000p+11, 2344.782257080078",
            "0x1.d60bd00000000p+7, 235.0230712890625",
            "0x1.999999999999ap-4, 0.1",
            "0x1.3333333333334p-2, 0.30000000000000004",
            "0x1.1c37937e08000p+53, 1e+16",
            "0x1.c6bf526340000p+49, 1000000000000000.0",
            "0x1.4f8b588e368f1p-17, 1e-05",
            "0x1.a36e2eb1c432dp-14, 0.0001",
            "0x0.0000000000001p-1022, 5e-324",
            "0x1.fffffffffffffp+1023, 1.7976931348623157e+308",
            "0x1.b69b4ba630f35p+56, 1.2345678901234568e+17",
            "0x1.9000000000000p+6, 100.0",
            "0x1.421f5f40d8376p-23, 1.5e-07",
            "0x1.0000000000000p-44, 5.684341886080802e-14",
            "0x1.0000000000000p+60, 1.152921504606847e+18",
            "0x1.0000000000000p+53, 9007199254740992.0",
            "0x1.0f0cf064dd592p+73, 1e+22",
            "0x1.52d02c7e14af6p+76, 1e+23",
            "0x1.f67ea69ed3795p+57, 2.82879384806159e+17",
            "0x1.3880000000000p+12, 5000.0",
            "0x1.0000000000000p-1, 0.5",
            "0x1.8b0a3d70a3d71p+3, 12.345",
            "-0x1.4000000000000p+1, -2.5",
            "0x1.05e1c15097c81p-10, 0.000999",
            "0x1.0e0198eaee000p+53, 9500000000000000.0",
            "0x1.1c37937e07fffp+53, 9999999999999998.0",
            "-0x1.74de452e6b438p+811, -1.989032661366619e+244",
            "0x1.3270e269e0d37p+594, 7.761117632285041e+178",
            "0x1.c7fd0a6a3a450p-826, 3.980498358697587e-249",
            "-0x1.f0824128b2f33p+292, -1.5432835417340557e+88",
            "0x1.8e811892f902bp-638, 1.3647584518757569e-192",
            "-0x1.1985d5d9dc9f8p-684, -1.3701135617873088e-206",
            "-0x1.25d940ed90475p+655, -1.7160537630466207e+197",
            "0x1.675cc81e74ef5p-144, 6.294675241195386e-44",
            "0x1.0a35a099950d8p-671, 1.0613447212142254e-202",
            "0x1.d549b6f03675ap+689, 4.708325160387546e+207",
            "0x1.c172411e20b8fp-38, 6.387016158513563e-12",
            "-0x1.16ece1738f7d9p-814, -9.973130378568733e-246",
            "0x1.5a944c0000000p+89, 8.37977291557352e+26",
            "0x1.43bb6c0000000p-97, 7.980612832139373e-30",
            "0x1.59295e0000000p+39, 741228871680.0",
            "0x1.83259e0000000p-95, 3.817563590363242e-29",
            "0x1.62f8460000000p-65, 3.758389140305874e-20",
            "0x1.1820ba0000000p+101, 2.774251735563843e+30",
            "0x1.4c60b20000000p-13, 0.000158490045578219",
            "0x1.e166700000000p-61, 8.155235697706241e-19",
            "0x1.0000000000000p-1022, 2.2250738585072014e-308",
            "0x1.0000000000000p-600, 2.409919865102884e-181",
            "0x1.0000000000000p-100, 7.888609052210118e-31",
            "0x1.0000000000000p-30, 9.313225746154785e-10",
            "0x1.0000000000000p+10, 1024.0",
            "0x1.0000000000000p+100, 1.2676506002282294e+30",
            "0x1.0000000000000p+500, 3.273390607896142e+150",
            "0x1.0000000000000p+1023, 8.98846567431158e+307"})
    void printsDoublesAsPythonDoes(String hex, String python) {
        assertThat(PythonFloats.repr(Double.parseDouble(hex))).isEqualTo(python);
    }

    @Test
    void printsTheSpecialValuesAsPythonDoes() {
        assertThat(PythonFloats.repr(Double.NaN)).isEqualTo("nan");
        assertThat(PythonFloats.repr(Double.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(PythonFloats.repr(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(PythonFloats.repr(0.0)).isEqualTo("0.0");
        assertThat(PythonFloats.repr(-0.0)).isEqualTo("-0.0");
    }
}
